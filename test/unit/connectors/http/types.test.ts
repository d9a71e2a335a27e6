import { describe, expect, it } from 'vitest';
import {
  composeHttp,
  isIdempotent,
  type HttpMiddleware,
} from '../../../../src/connectors/http/types.js';

describe('composeHttp', () => {
  it('runs middlewares outermost first and lets each change the request', async () => {
    const order: string[] = [];
    const tag =
      (name: string): HttpMiddleware =>
      async (request, next) => {
        order.push(name);
        return next({ ...request, headers: { ...request.headers, [name]: '1' } });
      };
    const handler = composeHttp(
      [tag('a'), tag('b')],
      async (request) => new Response(JSON.stringify(request.headers)),
    );
    const response = await handler({ method: 'GET', url: 'https://x.test/', headers: {} });
    expect(order).toEqual(['a', 'b']);
    expect(await response.json()).toEqual({ a: '1', b: '1' });
  });
});

describe('isIdempotent', () => {
  it('follows the method, the override header and an explicit flag', () => {
    const base = { url: 'https://x.test/', headers: {} };
    expect(isIdempotent({ ...base, method: 'GET' })).toBe(true);
    expect(isIdempotent({ ...base, method: 'POST' })).toBe(false);
    expect(
      isIdempotent({ ...base, method: 'POST', headers: { 'x-http-method-override': 'PUT' } }),
    ).toBe(true);
    expect(isIdempotent({ ...base, method: 'POST', idempotent: true })).toBe(true);
    expect(isIdempotent({ ...base, method: 'DELETE', idempotent: false })).toBe(false);
  });
});

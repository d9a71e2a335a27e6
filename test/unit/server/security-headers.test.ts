import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { headersOf, staticHeaders } from '../../../src/server/security-headers.js';

function responseAfter(
  run: (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
): ServerResponse {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  res.setHeader('X-Powered-By', 'Express');
  let nextCalled = false;
  run(req, res, () => (nextCalled = true));
  expect(nextCalled).toBe(true);
  return res;
}

describe('staticHeaders', () => {
  it('sets exactly the headers helmet sets, in one step', () => {
    const options = {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'self'"], objectSrc: ["'none'"] },
      },
      frameguard: { action: 'deny' as const },
      referrerPolicy: { policy: 'no-referrer' as const },
    };
    const byHelmet = responseAfter(helmet(options)).getHeaders();
    const fast = staticHeaders(helmet(options)) as unknown as (
      req: IncomingMessage,
      res: ServerResponse,
      next: () => void,
    ) => void;
    const byStatic = responseAfter(fast).getHeaders();
    expect(byStatic).toEqual(byHelmet);
    expect(byStatic['content-security-policy']).toBe("default-src 'self';object-src 'none'");
    expect(byStatic['x-powered-by']).toBeUndefined();
  });

  it('refuses a middleware that does not go on at once', () => {
    expect(() => staticHeaders(() => undefined)).toThrow(/did not call next/);
  });
});

describe('headersOf', () => {
  it('keeps the names as helmet set them, in order, without X-Powered-By', () => {
    const pairs = headersOf(helmet({ frameguard: { action: 'deny' } }));
    const names = pairs.map(([name]) => name);
    expect(names).toContain('X-Frame-Options');
    expect(names).toContain('Content-Security-Policy');
    expect(names.map((n) => n.toLowerCase())).not.toContain('x-powered-by');
    expect(Object.fromEntries(pairs)).toMatchObject({ 'X-Frame-Options': 'DENY' });
  });
});

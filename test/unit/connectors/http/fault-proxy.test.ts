import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../../env/fault-proxy.js';

// The shared fault proxy (test/env/fault-proxy.ts) in front of a real local server that
// records what reached it: each fault must do exactly what connector tests rely on.
let upstream: Server;
let proxy: FaultProxy;
const arrived: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  upstream = createServer((request, response) => {
    arrived.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
    });
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
  proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await proxy.stop();
  upstream.closeAllConnections();
  await new Promise((done) => upstream.close(done));
});
beforeEach(() => {
  arrived.length = 0;
  proxy.clear();
  proxy.stripAuthorization = false;
});

describe('fault proxy', () => {
  it('forwards untouched requests, headers included', async () => {
    const response = await fetch(`${proxy.url}/a?b=1`, {
      headers: { Authorization: 'Basic eDp5' },
    });
    expect(await response.json()).toEqual({ ok: true });
    expect(arrived[0]).toMatchObject({
      method: 'GET',
      url: '/a?b=1',
      headers: { authorization: 'Basic eDp5' },
    });
  });

  it('answers an injected 429 with Retry-After for the next `times` matching requests only', async () => {
    proxy.inject({
      kind: 'status',
      status: 429,
      retryAfter: 2,
      times: 2,
      match: { method: 'GET', path: /^\/limited/ },
    });
    const other = await fetch(`${proxy.url}/other`);
    const first = await fetch(`${proxy.url}/limited`);
    const second = await fetch(`${proxy.url}/limited`);
    const third = await fetch(`${proxy.url}/limited`);
    expect([other.status, first.status, second.status, third.status]).toEqual([200, 429, 429, 200]);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(arrived.map((a) => a.url)).toEqual(['/other', '/limited']);
  });

  it('resets the connection before forwarding, or after the server acted', async () => {
    proxy.inject({ kind: 'reset' });
    await expect(fetch(`${proxy.url}/r1`)).rejects.toThrow();
    expect(arrived).toHaveLength(0);
    proxy.inject({ kind: 'reset-after-forward' });
    await expect(fetch(`${proxy.url}/r2`, { method: 'POST', body: 'x' })).rejects.toThrow();
    expect(arrived.map((a) => a.url)).toEqual(['/r2']);
  });

  it('stalls until the client gives up', async () => {
    proxy.inject({ kind: 'stall' });
    const started = Date.now();
    await expect(fetch(`${proxy.url}/s`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(proxy.requests.at(-1)).toMatchObject({ path: '/s', fault: 'stall' });
  });

  it('drops the Authorization header when asked, and records that it came', async () => {
    proxy.stripAuthorization = true;
    await fetch(`${proxy.url}/secret`, { headers: { Authorization: 'Basic eDp5' } });
    expect(arrived[0]?.headers.authorization).toBeUndefined();
    expect(proxy.requests.at(-1)).toMatchObject({ path: '/secret', hadAuthorization: true });
  });
});

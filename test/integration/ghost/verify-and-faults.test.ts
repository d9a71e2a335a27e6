/**
 * verify() causes and retry behaviour of the Ghost connector against a real Ghost 5, with the
 * shared fault-injecting proxy (test/env/fault-proxy.ts) in front of it for 500, 429, resets
 * and stalls. A tiny local HTTP server plays "a site that is not Ghost".
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { startFaultProxy, type FaultProxy } from '../../env/fault-proxy.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import { freePort } from '../../env/ports.js';
import { connectorFor, postItem } from './helpers.js';

let ghost: GhostInstance;
let proxy: FaultProxy;
let notGhost: Server;
let notGhostUrl: string;

beforeAll(async () => {
  ghost = await startGhost();
  proxy = await startFaultProxy(ghost.url);
  notGhost = createServer((request, response) => {
    if (request.url?.startsWith('/moved/')) {
      response.writeHead(301, { Location: 'https://blog.example.com/ghost/api/admin/site/' }).end();
      return;
    }
    response
      .writeHead(404, { 'Content-Type': 'text/html' })
      .end('<html><body>Not found</body></html>');
  });
  await new Promise<void>((resolve) => notGhost.listen(0, '127.0.0.1', resolve));
  notGhostUrl = `http://127.0.0.1:${(notGhost.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await proxy?.stop();
  await new Promise((resolve) => notGhost?.close(resolve));
  await ghost?.stop();
});

beforeEach(() => {
  proxy.clear();
  proxy.requests.splice(0);
});

async function causeOf(
  url: string,
  key: string | undefined,
  options: Parameters<typeof connectorFor>[2] = {},
) {
  const { connector } = await connectorFor(url, key, options);
  return connector.verify();
}

describe('Ghost verify()', () => {
  it('passes every check with a good key, read-only', async () => {
    const before = await ghost.admin.request<{ meta: { pagination: { total: number } } }>(
      'GET',
      '/posts/?limit=1',
    );
    const result = await causeOf(ghost.url, ghost.adminKey);
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['key', true],
      ['reachable', true],
      ['key accepted', true],
      ['may write', true],
    ]);
    const after = await ghost.admin.request<{ meta: { pagination: { total: number } } }>(
      'GET',
      '/posts/?limit=1',
    );
    expect(after.meta.pagination.total).toBe(before.meta.pagination.total);
  });

  it('names a missing key and a malformed one (showing the expected shape, never the key)', async () => {
    expect((await causeOf(ghost.url, undefined)).cause?.code).toBe('key_missing');
    const bad = `${ghost.adminKey.slice(0, 24)}:${ghost.adminKey.slice(25, 80)}`;
    const result = await causeOf(ghost.url, bad);
    expect(result.cause?.code).toBe('key_malformed');
    expect(result.cause?.message).toContain('the secret part has 55 characters, expected 64');
    expect(result.cause?.fix).toContain('<24 hex characters>:<64 hex characters>');
    expect(JSON.stringify(result)).not.toContain(bad.slice(25, 50));
  });

  it('names a wrong URL: nothing listening, not Ghost, a redirect', async () => {
    const nothing = `http://127.0.0.1:${await freePort()}`;
    const settings = { retries: 0 };
    expect((await causeOf(nothing, ghost.adminKey, { settings })).cause?.code).toBe(
      'site_unreachable',
    );
    expect((await causeOf(notGhostUrl, ghost.adminKey, { settings })).cause).toMatchObject({
      code: 'not_ghost',
      message: expect.stringContaining('404'),
    });
    expect(
      (await causeOf(`${notGhostUrl}/moved`, ghost.adminKey, { settings })).cause,
    ).toMatchObject({
      code: 'site_redirects',
      message: expect.stringContaining('https://blog.example.com/ghost/api/admin/site/'),
    });
  });

  it('names a revoked key and a key whose secret part is wrong', async () => {
    const integration = await ghost.admin.createIntegration('to be revoked');
    expect((await causeOf(ghost.url, integration.adminKey)).ok).toBe(true);
    await ghost.admin.deleteIntegration(integration.id);
    expect((await causeOf(ghost.url, integration.adminKey)).cause?.code).toBe('key_revoked');

    const [id] = ghost.adminKey.split(':');
    expect((await causeOf(ghost.url, `${id}:${'ab'.repeat(32)}`)).cause?.code).toBe(
      'key_wrong_secret',
    );
  });

  it('names clock skew when this computer runs 10 minutes behind', async () => {
    const late = { now: () => Date.now() - 10 * 60_000, sleep: systemClock.sleep };
    const result = await causeOf(ghost.url, ghost.adminKey, { clock: late });
    expect(result.cause?.code).toBe('clock_skew');
    expect(result.cause?.message).toMatch(/this computer is (59\d|60\d) s behind the server/);
  });
});

describe('Ghost retries through a faulty network', () => {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void lines.push(line) },
  });
  const through = (settings: Record<string, unknown> = {}) =>
    connectorFor(proxy.url, ghost.adminKey, { logger, settings });
  const seen = () =>
    proxy.requests.map(
      (r) => `${r.method} ${r.path.split('?')[0]}${r.fault ? ` [${r.fault}]` : ''}`,
    );

  it('retries a 500 and a reset on reads and still makes two successful requests for a new post', async () => {
    const { connector } = await through();
    proxy.inject({ kind: 'status', status: 500, match: { method: 'GET' } });
    proxy.inject({ kind: 'reset', match: { method: 'GET' } });
    const result = await connector.publish(postItem());
    expect(result.created).toBe(true);
    expect(seen()).toEqual([
      'GET /ghost/api/admin/posts/ [status]',
      'GET /ghost/api/admin/posts/ [reset]',
      'GET /ghost/api/admin/posts/',
      'POST /ghost/api/admin/posts/',
    ]);
  });

  it("waits as long as a 429's Retry-After says", async () => {
    const { connector } = await through();
    proxy.inject({ kind: 'status', status: 429, retryAfter: 1, match: { method: 'GET' } });
    const started = Date.now();
    await connector.publish(postItem());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(seen()[0]).toBe('GET /ghost/api/admin/posts/ [status]');
  });

  it('gives up on a stalled request after timeoutMs and retries it', async () => {
    // Long enough that a busy CI machine's normal answers never hit it.
    const { connector } = await through({ timeoutMs: 1500 });
    proxy.inject({ kind: 'stall', match: { method: 'GET' } });
    const started = Date.now();
    const result = await connector.publish(postItem());
    expect(result.created).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(seen().slice(0, 2)).toEqual([
      'GET /ghost/api/admin/posts/ [stall]',
      'GET /ghost/api/admin/posts/',
    ]);
  });

  it('does not repeat a create whose answer was lost: it finds the post it made', async () => {
    const { connector } = await through();
    proxy.inject({ kind: 'reset-after-forward', match: { method: 'POST' } });
    const item = postItem();
    const result = await connector.publish(item);
    expect(result.created).toBe(true);
    expect(seen()).toEqual([
      'GET /ghost/api/admin/posts/',
      'POST /ghost/api/admin/posts/ [reset-after-forward]',
      'GET /ghost/api/admin/posts/',
    ]);
    const count = await ghost.admin.request<{ meta: { pagination: { total: number } } }>(
      'GET',
      `/posts/?filter=slug:'${item.slug}'`,
    );
    expect(count.meta.pagination.total).toBe(1);
  });

  it('a publish interrupted after the remote create is completed by the next publish, without a duplicate', async () => {
    const { connector } = await through({ retries: 0 });
    proxy.inject({ kind: 'reset-after-forward', match: { method: 'POST' } });
    const item = postItem();
    await expect(connector.publish(item)).rejects.toMatchObject({
      code: 'remote_unreachable',
      retryable: true,
    });
    const again = await connector.publish({ ...item, title: 'Second run' });
    expect(again.created).toBe(false);
    const found = await ghost.admin.request<{ posts: { id: string; title: string }[] }>(
      'GET',
      `/posts/?filter=slug:'${item.slug}'`,
    );
    expect(found.posts).toHaveLength(1);
    expect(found.posts[0]).toMatchObject({ id: again.remoteId, title: 'Second run' });
  });

  it('recovers a create answered 500 (nothing made) by checking, then creating once', async () => {
    const { connector } = await through();
    proxy.inject({ kind: 'status', status: 500, match: { method: 'POST' } });
    const result = await connector.publish(postItem());
    expect(result.created).toBe(true);
    expect(seen()).toEqual([
      'GET /ghost/api/admin/posts/',
      'POST /ghost/api/admin/posts/ [status]',
      'GET /ghost/api/admin/posts/',
      'POST /ghost/api/admin/posts/',
    ]);
  });

  it("does not retry Ghost's own refusals and reports method, URL, status, type and message", async () => {
    const { connector } = await through();
    const error: unknown = await connector
      .publish(postItem({ title: 'x'.repeat(300) }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'remote_invalid',
      status: 422,
      remoteCode: 'ValidationError',
      retryable: false,
    });
    expect((error as Error).message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/ghost\/api\/admin\/posts\/\?source=html → 422 ValidationError: .*title/,
    );
    expect(seen()).toEqual(['GET /ghost/api/admin/posts/', 'POST /ghost/api/admin/posts/']);
  });

  it('never logs the key or a token', async () => {
    const secret = ghost.adminKey.split(':')[1] ?? '';
    const text = lines.join('\n');
    expect(text).toContain('ghost request failed, retrying');
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Ghost eyJ/);
  });
});

describe('test/env/ghost', () => {
  it('refuses to start Ghost on a port that already answers', async () => {
    await expect(startGhost({ port: Number(new URL(notGhostUrl).port) })).rejects.toThrow(
      /already answers/,
    );
  });

  it('stops with SIGTERM within 2 s; posts and keys survive a restart', async () => {
    const { connector } = await connectorFor(ghost.url, ghost.adminKey);
    const item = postItem();
    const before = await connector.publish(item);
    const oldPid = ghost.pid;
    const { stopMs } = await ghost.restart();
    expect(stopMs).toBeLessThanOrEqual(2000);
    expect(ghost.pid).not.toBe(oldPid);
    expect(() => process.kill(oldPid, 0)).toThrow();
    const again = await connector.publish({ ...item, title: 'After restart' });
    expect(again).toMatchObject({ remoteId: before.remoteId, created: false });
    expect((await connector.verify()).ok).toBe(true);
  });
});

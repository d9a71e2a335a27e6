import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WordPressConnector } from '../../../src/connectors/wordpress/connector.js';
import { RemoteError } from '../../../src/shared/errors.js';
import { startFaultProxy, type FaultProxy } from '../../env/fault-proxy.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { connectorFor, rest } from './helpers.js';

// Every request goes through a fault-injecting proxy in front of a real WordPress.
let wp: RunningWordPress;
let proxy: FaultProxy;
let connector: WordPressConnector;
const lookup = { method: 'GET', path: /\/wp\/v2\/posts\?slug=/ };
const create = { method: 'POST', path: /\/wp\/v2\/posts\?/ };
// Short, so a stalled request gives up soon; long enough for a real WordPress on a busy 2-core
// machine, where a create answered in over 400 ms and was looked up and sent again (CI-like run).
const TIMEOUT_MS = 2_500;

beforeAll(async () => {
  wp = await startWordPress();
  proxy = await startFaultProxy(wp.url);
  connector = await connectorFor(wp, {
    url: proxy.url,
    settings: { timeoutMs: TIMEOUT_MS, retries: 3 },
  });
  expect((await connector.verify()).ok).toBe(true);
});
afterAll(async () => {
  await proxy?.stop();
  await wp?.stop();
});
beforeEach(() => {
  proxy.clear();
  proxy.requests.length = 0;
});

const item = (slug: string) => ({
  id: slug,
  title: slug,
  slug,
  markdown: `About ${slug}`,
  kind: 'post' as const,
});
const count = async (slug: string) =>
  (await rest<unknown[]>(wp, '/wp/v2/posts', { slug, status: 'any', context: 'edit' })).length;

describe('WordPress connector through a fault-injecting proxy', () => {
  it('needs two requests for a new post: the slug lookup and the create', async () => {
    await connector.publish(item('two-requests'));
    expect(proxy.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('retries 500 answers with backoff and publishes once', async () => {
    proxy.inject({ kind: 'status', status: 500, times: 2, match: lookup });
    const result = await connector.publish(item('after-500'));
    expect(result.created).toBe(true);
    expect(proxy.requests.filter((r) => r.fault === 'status')).toHaveLength(2);
    expect(await count('after-500')).toBe(1);
  });

  it('waits as long as a 429 Retry-After says', async () => {
    proxy.inject({ kind: 'status', status: 429, retryAfter: 1, match: lookup });
    const started = Date.now();
    await connector.publish(item('after-429'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(await count('after-429')).toBe(1);
  });

  it('retries after a connection reset', async () => {
    proxy.inject({ kind: 'reset', match: lookup });
    await connector.publish(item('after-reset'));
    expect(proxy.requests.filter((r) => r.fault === 'reset')).toHaveLength(1);
    expect(await count('after-reset')).toBe(1);
  });

  it('gives up on a stalled request after the timeout and tries again', async () => {
    proxy.inject({ kind: 'stall', match: lookup });
    const started = Date.now();
    await connector.publish(item('after-stall'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(await count('after-stall')).toBe(1);
  });

  it('reports a server that keeps stalling as remote_timeout with method and URL, without credentials', async () => {
    proxy.inject({ kind: 'stall', times: 10, match: lookup });
    const error = await connector.publish(item('never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'remote_timeout', method: 'GET', retryable: true });
    expect((error as RemoteError).url).toContain('/wp-json/wp/v2/posts?slug=never');
    expect(
      JSON.stringify({ message: (error as Error).message, url: (error as RemoteError).url }),
    ).not.toMatch(new RegExp(`${wp.appPassword}|Basic`));
    expect(proxy.requests.filter((r) => r.fault === 'stall')).toHaveLength(4);
  });

  it('recovers from a 500 on the create by looking again, and still creates exactly one post', async () => {
    proxy.inject({ kind: 'status', status: 502, match: create });
    const result = await connector.publish(item('create-502'));
    expect(result.created).toBe(true);
    expect(await count('create-502')).toBe(1);
  });

  it('does not retry other 4xx and reports them with status and WordPress code', async () => {
    proxy.inject({
      kind: 'status',
      status: 403,
      body: JSON.stringify({
        code: 'rest_cannot_create',
        message: 'Sorry, you are not allowed to create posts as this user.',
      }),
      match: create,
    });
    const error = await connector.publish(item('forbidden')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'remote_forbidden',
      status: 403,
      remoteCode: 'rest_cannot_create',
      method: 'POST',
    });
    expect((error as Error).message).toContain('POST http://127.0.0.1');
    expect((error as Error).message).toContain('403 rest_cannot_create');
    expect(proxy.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it("carries WordPress's own error code for a real 404", async () => {
    const error = await connector
      .unpublish({ remoteId: '999999', kind: 'post' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 404,
      remoteCode: 'rest_post_invalid_id',
      code: 'remote_not_found',
    });
    expect((error as RemoteError).url).toContain('/wp-json/wp/v2/posts/999999');
  });
});

import { describe, expect, it } from 'vitest';
import { createRetryMiddleware, parseRetryAfter } from '../../../../src/connectors/http/retry.js';
import type { HttpRequest } from '../../../../src/connectors/http/types.js';
import { RemoteError } from '../../../../src/shared/errors.js';
import type { Clock } from '../../../../src/shared/clock.js';

// A clock whose sleep returns at once and records how long it was asked to wait.
function recordingClock(nowMs = Date.UTC(2026, 0, 1)): Clock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => nowMs, sleep: async (ms) => void waits.push(ms) };
}

// The next handler is a scripted server: each call answers with the next scripted outcome.
function scripted(outcomes: (number | [number, Record<string, string>] | Error)[]) {
  const seen: HttpRequest[] = [];
  const next = async (request: HttpRequest): Promise<Response> => {
    seen.push(request);
    const outcome = outcomes.shift() ?? 200;
    if (outcome instanceof Error) throw outcome;
    const [status, headers] = Array.isArray(outcome) ? outcome : [outcome, {}];
    return new Response(status === 204 ? null : `{"n":${seen.length}}`, { status, headers });
  };
  return { next, seen };
}

const get: HttpRequest = {
  method: 'GET',
  url: 'https://site.test/wp-json/wp/v2/posts',
  headers: {},
};
const post: HttpRequest = {
  method: 'POST',
  url: 'https://site.test/wp-json/wp/v2/posts',
  headers: {},
};
const reset = () =>
  new RemoteError('remote_unreachable', { method: 'GET', url: get.url }, 'reset', {
    retryable: true,
  });

describe('retry middleware', () => {
  it('retries 500 and 503 with growing jittered backoff, then returns the success', async () => {
    const clock = recordingClock();
    const { next, seen } = scripted([500, 503, 200]);
    const retry = createRetryMiddleware({ clock, random: () => 0.5, baseDelayMs: 100 });
    const response = await retry(get, next);
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(clock.waits).toEqual([50, 100]);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const clock = recordingClock(Date.parse('2026-01-01T00:00:00Z'));
    const { next } = scripted([
      [429, { 'retry-after': '2' }],
      [503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }],
      200,
    ]);
    const retry = createRetryMiddleware({ clock, random: () => 0 });
    expect((await retry(get, next)).status).toBe(200);
    expect(clock.waits).toEqual([2000, 5000]);
  });

  it('does not wait for a Retry-After longer than the limit: the 429 is returned', async () => {
    const clock = recordingClock();
    const { next, seen } = scripted([[429, { 'retry-after': '3600' }]]);
    const response = await createRetryMiddleware({ clock })(get, next);
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(1);
  });

  it('returns other 4xx at once', async () => {
    const clock = recordingClock();
    for (const status of [400, 401, 403, 404, 409]) {
      const { next, seen } = scripted([status, 200]);
      expect((await createRetryMiddleware({ clock })(get, next)).status).toBe(status);
      expect(seen).toHaveLength(1);
    }
    expect(clock.waits).toEqual([]);
  });

  it('gives up after `retries` and returns the last answer', async () => {
    const clock = recordingClock();
    const { next, seen } = scripted([502, 502, 502, 502]);
    const response = await createRetryMiddleware({ clock, retries: 2 })(get, next);
    expect(response.status).toBe(502);
    expect(seen).toHaveLength(3);
  });

  it('retries retryable transport errors of idempotent requests and rethrows after the last', async () => {
    const clock = recordingClock();
    const ok = scripted([reset(), 200]);
    expect((await createRetryMiddleware({ clock })(get, ok.next)).status).toBe(200);
    const bad = scripted([reset(), reset()]);
    await expect(createRetryMiddleware({ clock, retries: 1 })(get, bad.next)).rejects.toMatchObject(
      { code: 'remote_unreachable' },
    );
    expect(bad.seen).toHaveLength(2);
  });

  it('never resends a non-idempotent POST after a 5xx or a lost connection, but does after 429', async () => {
    const clock = recordingClock();
    const fivexx = scripted([500, 200]);
    expect((await createRetryMiddleware({ clock })(post, fivexx.next)).status).toBe(500);
    expect(fivexx.seen).toHaveLength(1);
    const lost = scripted([reset(), 200]);
    await expect(createRetryMiddleware({ clock })(post, lost.next)).rejects.toBeInstanceOf(
      RemoteError,
    );
    expect(lost.seen).toHaveLength(1);
    const limited = scripted([[429, { 'retry-after': '1' }], 201]);
    expect((await createRetryMiddleware({ clock })(post, limited.next)).status).toBe(201);
  });

  it('treats a POST tunnelling PUT/DELETE (X-HTTP-Method-Override) and idempotent: true as repeatable', async () => {
    const clock = recordingClock();
    const tunnelled = scripted([500, 200]);
    const request = { ...post, headers: { 'X-HTTP-Method-Override': 'DELETE' } };
    expect((await createRetryMiddleware({ clock })(request, tunnelled.next)).status).toBe(200);
    const marked = scripted([500, 200]);
    expect(
      (await createRetryMiddleware({ clock })({ ...post, idempotent: true }, marked.next)).status,
    ).toBe(200);
  });
});

describe('retry helpers', () => {
  it('parses Retry-After forms and ignores garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

import { backoffDelay, type BackoffOptions } from '../../shared/backoff.js';
import type { Clock } from '../../shared/clock.js';
import { RemoteError } from '../../shared/errors.js';
import { isIdempotent, type HttpMiddleware, type HttpRequest } from './types.js';

/** Options of the retry middleware; times in ms. */
export interface RetryOptions {
  /** Retries after the first attempt; default 3. */
  retries?: number;
  /** Backoff base: attempt n waits up to base·2ⁿ⁻¹; default 500. */
  baseDelayMs?: number;
  /** Cap of one backoff wait; default 20 000. */
  maxDelayMs?: number;
  /** A longer `Retry-After` is not waited for: the answer is returned as it is; default 60 000. */
  maxRetryAfterMs?: number;
  /** Time source for `sleep` and for `Retry-After` dates. */
  clock: Clock;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  /** Told before each wait, e.g. to log it. */
  onRetry?: (info: {
    request: HttpRequest;
    attempt: number;
    delayMs: number;
    reason: string;
  }) => void;
}

/** Whether a status is worth trying again: rate limited or a server-side failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * `Retry-After` in ms from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3);
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Retries 429 and 5xx answers and transport failures (a retryable RemoteError: refused,
 * reset, timeout) with full-jitter exponential backoff, honouring `Retry-After`. Other 4xx
 * are returned at once. A non-idempotent request (POST that creates) is retried only after
 * a 429, which proves nothing was done: after a 5xx or a lost connection the server may have
 * acted, and sending again could create a duplicate — the caller decides (a connector looks
 * up what exists first). When the retries are used up, the last answer is returned or the
 * last error thrown.
 */
export function createRetryMiddleware(options: RetryOptions): HttpMiddleware {
  const retries = options.retries ?? 3;
  const random = options.random ?? Math.random;
  const backoff: BackoffOptions = {
    baseMs: options.baseDelayMs ?? 500,
    capMs: options.maxDelayMs ?? 20_000,
    jitter: 'full',
    random,
  };
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;

  return async (request, next) => {
    const repeatable = isIdempotent(request);
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await next(request);
      } catch (error) {
        const retryable = error instanceof RemoteError && error.retryable && repeatable;
        if (!retryable || attempt > retries || request.signal?.aborted) throw error;
        const delayMs = backoffDelay(attempt, backoff);
        options.onRetry?.({ request, attempt, delayMs, reason: error.code });
        await options.clock.sleep(delayMs);
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt > retries) return response;
      if (!repeatable && response.status !== 429) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), options.clock.now());
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) return response;
      // Retry-After is the server's word; jitter is added on top so many clients do not return at once.
      const delayMs =
        retryAfter !== undefined
          ? retryAfter + Math.round(random() * 250)
          : backoffDelay(attempt, backoff);
      options.onRetry?.({ request, attempt, delayMs, reason: `HTTP ${response.status}` });
      // Free the connection before waiting.
      await response.body?.cancel().catch(() => undefined);
      await options.clock.sleep(delayMs);
    }
  };
}

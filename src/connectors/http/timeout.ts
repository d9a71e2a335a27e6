import { RemoteError } from '../../shared/errors.js';
import type { HttpMiddleware } from './types.js';

/** Options of the timeout middleware. */
export interface TimeoutOptions {
  /** How long one attempt may take, headers and body together, in ms; default 30 000. */
  timeoutMs?: number;
}

/** Statuses whose responses have no body (a Response with one cannot be constructed). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Aborts an attempt that takes longer than `timeoutMs` and throws a retryable RemoteError
 * `remote_timeout`. The body is read inside the time limit (and handed on buffered), because a
 * server that sends headers and then stalls is as stuck as one that sends nothing.
 * Uses a real timer, not the injected Clock: it must be cancelled when the answer comes, and
 * a Clock sleep cannot be.
 */
export function createTimeoutMiddleware(options: TimeoutOptions = {}): HttpMiddleware {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (request, next) => {
    const controller = new AbortController();
    const outer = request.signal;
    const onOuterAbort = (): void => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await next({ ...request, signal: controller.signal });
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (!timedOut) throw error;
      throw new RemoteError(
        'remote_timeout',
        { method: request.method, url: request.url },
        `no complete answer within ${timeoutMs} ms`,
        { cause: error, retryable: true },
      );
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };
}

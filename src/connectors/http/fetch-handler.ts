import { RemoteError, messageOf } from '../../shared/errors.js';
import type { FetchLike, HttpHandler } from './types.js';

/**
 * The last link of a chain: sends the request with `fetchFn` (default the global fetch).
 * A transport failure (DNS, refused, reset) becomes a retryable RemoteError
 * `remote_unreachable` naming method and URL; an abort is passed on unchanged so the
 * middleware that aborted can name its reason.
 */
export function createFetchHandler(
  fetchFn: FetchLike = (input, init) => fetch(input, init),
): HttpHandler {
  return async (request) => {
    try {
      return await fetchFn(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal: request.signal ?? null,
        redirect: 'follow',
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new RemoteError(
        'remote_unreachable',
        { method: request.method, url: request.url },
        `could not connect: ${transportReason(error)}`,
        { cause: error, retryable: true },
      );
    }
  };
}

/** Node's fetch hides the useful part ("ECONNREFUSED", "other side closed") in `cause`. */
function transportReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? `${cause.code} ` : '';
    return `${code}${cause.message}`.trim();
  }
  return messageOf(error);
}

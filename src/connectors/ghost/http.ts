/**
 * The one way the Ghost connector talks HTTP: axios (issue 4), an Admin API token on every
 * request, `Accept-Version: v5.0`, a per-request timeout, and retries with exponential backoff
 * for 429, 5xx, resets and timeouts (honouring `Retry-After`). Other failures are not retried.
 *
 * A request whose outcome is unknown (reset or 5xx after it was sent) is repeated only when it
 * is `repeatable` (reads, edits with `updated_at`, deletes, uploads). A create is not: the
 * connector first looks for what it may already have created (see connector.ts), so a retry
 * never makes a second post.
 */
import axios, { type AxiosInstance } from 'axios';
import { backoffDelay } from '../../shared/backoff.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { GhostRemoteError, toRemoteError } from './errors.js';

/** One request to the Admin API. */
export interface GhostRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below `/ghost/api/admin`, e.g. `/posts/`. */
  path: string;
  params?: Record<string, string | number | undefined>;
  data?: unknown;
  /** Safe to send again when its outcome is unknown; default true except for POST. */
  repeatable?: boolean;
  /** Send the Admin API token; default true. */
  auth?: boolean;
}

/** What came back: status, parsed body (JSON, or text when the server sent no JSON), headers. */
export interface GhostResponse {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

/** Sends a request with auth, timeout and retries; throws GhostRemoteError. */
export type GhostHttp = (request: GhostRequest) => Promise<GhostResponse>;

/** Tuning of a GhostHttp; see settings.ts for the defaults. */
export interface GhostHttpOptions {
  /** Base URL where Ghost Admin answers, no trailing slash. */
  adminUrl: string;
  token: () => string;
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  userAgent: string;
}

/** Injected: clock and logger always; an axios instance where the caller wants its own (tests). */
export interface GhostHttpDeps {
  clock: Clock;
  logger: Logger;
  axios?: AxiosInstance;
}

/** Creates the request function of one Ghost site. */
export function createGhostHttp(options: GhostHttpOptions, deps: GhostHttpDeps): GhostHttp {
  const client = deps.axios ?? axios.create();
  const apiBase = `${options.adminUrl}/ghost/api/admin`;

  const sendOnce = async (request: GhostRequest): Promise<GhostResponse> => {
    const url = `${apiBase}${request.path}`;
    try {
      const response = await client.request({
        method: request.method,
        url,
        params: request.params,
        data: request.data,
        timeout: options.timeoutMs,
        // A redirect of a write would silently turn it into a GET; report it instead.
        maxRedirects: 0,
        headers: {
          'Accept-Version': 'v5.0',
          'User-Agent': options.userAgent,
          ...(request.auth === false ? {} : { Authorization: `Ghost ${options.token()}` }),
        },
      });
      return { status: response.status, data: response.data, headers: { ...response.headers } };
    } catch (error) {
      throw toRemoteError(
        error,
        { method: request.method, url: withParams(url, request.params) },
        deps.clock.now(),
      );
    }
  };

  return async (request) => {
    const repeatable = request.repeatable ?? request.method !== 'POST';
    for (let attempt = 0; ; attempt++) {
      try {
        return await sendOnce(request);
      } catch (error) {
        if (
          !(error instanceof GhostRemoteError) ||
          attempt >= options.retries ||
          !mayRetry(error, repeatable)
        ) {
          throw error;
        }
        const delay = backoffMs(attempt, error.retryAfterMs, options);
        deps.logger.warn(
          {
            method: error.method,
            url: error.url,
            status: error.status,
            code: error.code,
            attempt: attempt + 1,
            delayMs: delay,
          },
          'ghost request failed, retrying',
        );
        await deps.clock.sleep(delay);
      }
    }
  };
}

/** Whether a failed request may be sent again. */
function mayRetry(error: GhostRemoteError, repeatable: boolean): boolean {
  if (!error.retryable) return false;
  if (repeatable) return true;
  // The server said it did nothing (rate limit, booting), or the connection was refused.
  return error.status === 429 || error.status === 503 || /ECONNREFUSED/.test(error.message);
}

/**
 * The wait before attempt `attempt + 1` (`attempt` counts from 0): the server's Retry-After up
 * to the cap, else exponential with equal jitter, which spreads many sites' retries on one
 * server without coming back much sooner than the bound.
 */
export function backoffMs(
  attempt: number,
  retryAfter: number | undefined,
  options: Pick<GhostHttpOptions, 'retryBaseDelayMs' | 'retryMaxDelayMs'>,
): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, options.retryMaxDelayMs);
  return backoffDelay(attempt + 1, {
    baseMs: options.retryBaseDelayMs,
    capMs: options.retryMaxDelayMs,
    jitter: 'equal',
  });
}

function withParams(url: string, params: GhostRequest['params']): string {
  const entries = Object.entries(params ?? {}).filter(
    (e): e is [string, string | number] => e[1] !== undefined,
  );
  if (entries.length === 0) return url;
  return `${url}?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

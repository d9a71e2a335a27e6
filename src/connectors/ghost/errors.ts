/**
 * Turns what axios reports into RemoteErrors that say what was done to what:
 * `PUT https://blog/ghost/api/admin/posts/abc/ → 409 UpdateCollisionError: Saving failed! …`.
 * Ghost's error body is `{errors: [{type, message, context, code}]}`; its `type` becomes the
 * RemoteError's `remoteCode`.
 */
import { isAxiosError } from 'axios';
import { z } from 'zod';
import { RemoteError, messageOf, type RemoteCall } from '../../shared/errors.js';
import { parseRetryAfter } from '../http/retry.js';
import { remoteCodeForStatus, type RemoteStatusCode } from '../http/status.js';

const ghostErrorBody = z.object({
  errors: z
    .array(
      z.object({
        type: z.string().optional(),
        message: z.string().optional(),
        context: z.string().nullish(),
        code: z.string().nullish(),
        details: z.unknown().optional(),
      }),
    )
    .min(1),
});

/** Ghost's first error entry, when the body is one. */
export type GhostErrorEntry = z.infer<typeof ghostErrorBody>['errors'][number];

/**
 * A failed Ghost request. `ghostError` is Ghost's own error entry (type, message, context,
 * code, details). The axios error is not kept as `cause`: its config holds the Authorization
 * header, and errors must never carry credentials; `cause` is a plain Error with its message.
 */
export class GhostRemoteError extends RemoteError {
  readonly ghostError: GhostErrorEntry | undefined;
  /** The `Date` header of the answer, if any (to tell clock skew). */
  readonly serverDate: string | undefined;

  constructor(
    code: GhostRemoteCode,
    call: RemoteCall,
    reason: string,
    options: {
      cause?: unknown;
      retryable: boolean;
      retryAfterMs?: number;
      ghostError?: GhostErrorEntry;
      serverDate?: string;
    },
  ) {
    super(code, call, reason, options);
    this.ghostError = options.ghostError;
    this.serverDate = options.serverDate;
  }
}

/** Stable codes of the Ghost connector's remote errors (shared vocabulary with other connectors). */
export type GhostRemoteCode =
  RemoteStatusCode | 'remote_unreachable' | 'remote_timeout' | 'remote_unexpected_response';

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/** A GhostRemoteError for a failed request; `call` carries the method and the full URL. */
export function toRemoteError(
  error: unknown,
  call: { method: string; url: string },
  nowMs: number,
): GhostRemoteError {
  const cause = new Error(messageOf(error));
  if (!isAxiosError(error)) {
    return new GhostRemoteError('remote_unreachable', call, messageOf(error), {
      cause,
      retryable: false,
    });
  }
  const response = error.response;
  if (!response) {
    const timedOut = TIMEOUT_CODES.has(error.code ?? '');
    const reason = timedOut
      ? 'no answer in time (timeout)'
      : `${error.code ?? 'network error'}: ${error.message}`;
    return new GhostRemoteError(timedOut ? 'remote_timeout' : 'remote_unreachable', call, reason, {
      cause,
      retryable: true,
    });
  }
  const status = response.status;
  const entry = ghostErrorBody.safeParse(response.data).data?.errors[0];
  const context = entry?.context && entry.context !== entry.message ? ` (${entry.context})` : '';
  let reason = entry?.message
    ? `${entry.message}${context}`
    : `HTTP ${status} without a Ghost error body`;
  if (status >= 300 && status < 400) {
    reason = `redirected to ${String(response.headers.location ?? '(no Location)')}`;
  }
  const header: unknown = response.headers['retry-after'];
  const wait = parseRetryAfter(typeof header === 'string' ? header : null, nowMs);
  const date: unknown = response.headers.date;
  return new GhostRemoteError(
    remoteCodeForStatus(status),
    { ...call, status, remoteCode: entry?.type },
    reason,
    {
      cause,
      retryable: status === 429 || status >= 500,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
      ...(entry ? { ghostError: entry } : {}),
      ...(typeof date === 'string' ? { serverDate: date } : {}),
    },
  );
}

/**
 * Errors of the calendar layer. Messages name the calendar and the URL (never a password);
 * `retryable` says whether a later attempt may work (connection trouble, 5xx) or not (refused
 * password, read-only calendar).
 */
import { SitedeskError, messageOf } from '../../shared/errors.js';

/** Stable codes of calendar errors. */
export type CalendarErrorCode =
  | 'calendar_password_missing'
  | 'calendar_unreachable'
  | 'calendar_auth_refused'
  | 'calendar_not_found'
  | 'calendar_read_only'
  | 'calendar_request_failed'
  | 'calendar_data_invalid';

/** Something failed talking to a client's CalDAV calendar. */
export class CalendarError extends SitedeskError {
  readonly retryable: boolean;
  /** The HTTP status the server answered, when it answered. */
  readonly status: number | undefined;

  constructor(
    code: CalendarErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean; status?: number } = {},
  ) {
    super(
      code,
      message,
      options.cause === undefined ? {} : { cause: new Error(messageOf(options.cause)) },
    );
    this.retryable = options.retryable ?? false;
    this.status = options.status;
  }
}

/** The error for an HTTP answer `status` to `method url`, in words a person can act on. */
export function statusError(method: string, url: string, status: number): CalendarError {
  const where = `${method} ${url} → ${status}`;
  if (status === 401) {
    return new CalendarError(
      'calendar_auth_refused',
      `${where}: the calendar server refused the user name or password`,
      { status },
    );
  }
  if (status === 403) {
    return new CalendarError(
      'calendar_read_only',
      `${where}: the calendar may be read, not written (shared read-only?)`,
      { status },
    );
  }
  if (status === 404) {
    return new CalendarError('calendar_not_found', `${where}: no calendar at this address`, {
      status,
    });
  }
  return new CalendarError('calendar_request_failed', `${where}`, {
    status,
    retryable: status >= 500 || status === 429 || status === 408,
  });
}

/** Wraps a network failure (refused connection, DNS, timeout) of `method url`. */
export function unreachable(method: string, url: string, error: unknown): CalendarError {
  return new CalendarError(
    'calendar_unreachable',
    `${method} ${url}: the calendar server did not answer (${messageOf(error)})`,
    { cause: error, retryable: true },
  );
}

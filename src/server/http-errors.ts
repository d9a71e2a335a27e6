import { SitedeskError } from '../shared/errors.js';

/** An error that carries its own HTTP status (auth, rate limits, content types). */
export class HttpError extends SitedeskError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: {
      headers?: Record<string, string>;
      details?: { path: string; message: string }[];
    } = {},
  ) {
    super(code, message, options.details ? { details: options.details } : {});
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

/** 401: no credentials, or they do not open anything (unknown, expired, revoked). */
export function unauthenticated(
  message = 'Log in, or send a valid API token or client link.',
  code = 'unauthenticated',
): HttpError {
  return new HttpError(401, code, message);
}

/** 403: the caller is known but may not do this. */
export function forbidden(message = 'You may not do this.', code = 'forbidden'): HttpError {
  return new HttpError(403, code, message);
}

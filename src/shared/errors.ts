/**
 * The error tree of sitedesk. Every error has a stable string `code` that scripts and the
 * HTTP layer can rely on, a message that says what was done to what, and the original
 * `cause`. Messages never contain secrets: URLs pass through `safeUrl` first.
 */

/** One wrong field of some input: `path` is dotted (`settings.branch`), `message` says why. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Base class: `code` is stable (snake_case), `details` is safe to show to a user. */
export class SitedeskError extends Error {
  readonly code: string;
  readonly details: readonly FieldIssue[] | undefined;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: readonly FieldIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }
}

/** Configuration (environment, config file, site settings) is wrong; the message shows an example. */
export class ConfigError extends SitedeskError {
  constructor(message: string, options: { cause?: unknown; details?: readonly FieldIssue[] } = {}) {
    super('config_invalid', message, options);
  }
}

/** Input from a person or a script failed validation; `details` names each wrong field. */
export class ValidationError extends SitedeskError {
  constructor(message: string, details: readonly FieldIssue[], options: { cause?: unknown } = {}) {
    super('validation_failed', message, { ...options, details });
  }
}

/** The thing asked for does not exist (or the caller may not know it exists). */
export class NotFoundError extends SitedeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('not_found', message, options);
  }
}

/** The request conflicts with the current state (a transition not allowed, a duplicate). */
export class ConflictError extends SitedeskError {
  /** `code` names the conflict more closely than `conflict` (e.g. `region_missing`). */
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(options.code ?? 'conflict', message, options);
  }
}

/** Codes of the secret store; see src/secrets. */
export type SecretStoreErrorCode =
  | 'secret_store_unavailable'
  | 'secret_store_corrupt'
  | 'secret_store_wrong_key'
  | 'secret_store_failed';

/** The secret store could not do what was asked. Never carries the secret itself. */
export class SecretStoreError extends SitedeskError {
  constructor(code: SecretStoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}

/** What a remote call was, for error messages: method, credential-free URL, status, remote code. */
export interface RemoteCall {
  method: string;
  url: string;
  status?: number | undefined;
  remoteCode?: string | undefined;
}

/**
 * A call to a remote site failed. The message reads like
 * `PUT https://site/wp-json/wp/v2/pages/12 → 403 rest_cannot_edit: Sorry, you are not allowed…`.
 * `retryable` is true for timeouts, resets, 429 and 5xx.
 */
export class RemoteError extends SitedeskError {
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly remoteCode: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: string,
    call: RemoteCall,
    reason: string,
    options: { cause?: unknown; retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    const url = safeUrl(call.url);
    const outcome = [call.status, call.remoteCode].filter((part) => part !== undefined).join(' ');
    super(code, `${call.method} ${url} → ${outcome ? `${outcome}: ` : ''}${reason}`, options);
    this.method = call.method;
    this.url = url;
    this.status = call.status;
    this.remoteCode = call.remoteCode;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

const SECRET_QUERY_KEYS =
  /^(key|api_?key|token|access_token|password|pass|secret|auth|signature)$/i;

/** A URL without user info and with secret-looking query values masked; never throws. */
export function safeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@\s]*@/, '//');
  }
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_KEYS.test(key)) url.searchParams.set(key, '***');
  }
  return url.toString();
}

/** The message of anything thrown, for places that must say something without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

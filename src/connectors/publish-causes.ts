/**
 * Why a publish, an upload or a take-down failed, as one stable cause code a person can act on
 * (issue 14). The web app words each code in the user's language; the error's own message
 * (method, URL, status, the remote's code) stays as the technical detail.
 */
import { RemoteError, SitedeskError } from '../shared/errors.js';

/** The causes of a failed publication, shared by every site kind. */
export const publishCauses = [
  'site_busy',
  'password_rejected',
  'ghost_key_rejected',
  'ghost_key_wrong_kind',
  'secret_missing',
  'no_permission',
  'answered_with_page',
  'remote_missing',
  'content_refused',
  'git_auth_failed',
  'git_forbidden',
  'git_repo_missing',
  'git_branch_missing',
  'git_branch_protected',
  'git_clone_damaged',
  'image_unreadable',
  'region_missing',
  'region_broken',
  'settings_invalid',
  'unknown',
] as const;

/** A cause code of `publishCauses`. */
export type PublishCause = (typeof publishCauses)[number];

const GHOST_AUTH = /^(UnauthorizedError|INVALID_JWT|INVALID_TOKEN|TOKEN_EXPIRED)$/i;

/** The cause of `error`; `retryable` is the runner's verdict (a retry is still to come or was). */
export function publishCauseOf(error: unknown, retryable = false): PublishCause {
  if (error instanceof RemoteError) return remoteCause(error, retryable);
  if (error instanceof SitedeskError) {
    if (error.code === 'image_unreadable') return 'image_unreadable';
    // A region's markers were removed or broken on the site (issue 23): nothing was changed.
    if (error.code === 'region_missing') return 'region_missing';
    if (error.code === 'region_content_invalid') return 'content_refused';
    if (error.code.startsWith('region_')) return 'region_broken';
    // A connector's own check of the text (a tag made only of markup …) refused it.
    if (error.code === 'validation_failed') return 'content_refused';
    if (error.code === 'config_invalid') {
      if (/^No .* is stored/.test(error.message)) return 'secret_missing';
      if (/Ghost Admin API key .* is malformed/.test(error.message)) return 'ghost_key_wrong_kind';
      return 'settings_invalid';
    }
  }
  return 'unknown';
}

function remoteCause(error: RemoteError, retryable: boolean): PublishCause {
  const { code, status } = error;
  const remote = error.remoteCode ?? '';
  switch (code) {
    case 'git_auth_failed':
    case 'git_forbidden':
    case 'git_repo_missing':
    case 'git_branch_missing':
    case 'git_branch_protected':
    case 'git_clone_damaged':
      return code;
    case 'git_unreachable':
    case 'git_push_rejected':
    case 'git_timeout':
      return 'site_busy';
  }
  if (
    retryable ||
    code === 'remote_unreachable' ||
    code === 'remote_timeout' ||
    status === 429 ||
    // A 5xx the connector does not retry is a refusal in a server error's clothes
    // (WordPress's empty_term_name, rest_upload_sideload_error …), not a busy site.
    (status !== undefined && status >= 500 && error.retryable)
  )
    return 'site_busy';
  if (code === 'remote_bad_response' || code === 'remote_unexpected_response') {
    return 'answered_with_page';
  }
  if (code === 'remote_redirected') return 'answered_with_page';
  const ghost = error.url.includes('/ghost/api/');
  if (loggedOutLookup(error)) return 'password_rejected';
  if (status === 401)
    return ghost || GHOST_AUTH.test(remote) ? 'ghost_key_rejected' : 'password_rejected';
  if (status === 403) return 'no_permission';
  if (status === 404) return 'remote_missing';
  if (status !== undefined && status >= 400) return 'content_refused';
  return 'unknown';
}

/**
 * WordPress treats a request whose Application Password it no longer accepts as a visitor's:
 * the connector's lookup of existing posts (`status=any`, `context=edit`) then answers
 * `400 rest_invalid_param: Invalid parameter(s): status` instead of a 401 (seen on a real
 * WordPress, test/e2e/publish-wordpress.test.ts, after the password changed).
 */
function loggedOutLookup(error: RemoteError): boolean {
  return (
    error.status === 400 &&
    error.remoteCode === 'rest_invalid_param' &&
    /\/wp-json\/|[?&]rest_route=/.test(error.url) &&
    /[?&](status=any|context=edit)(&|$)/.test(error.url)
  );
}

/** Where a retry stands: attempt `attempt` of `max`, the next at `nextAt` (ISO). */
export interface RetryNote {
  attempt: number;
  max: number;
  nextAt?: string;
}

/**
 * The stored `last_error`: the error's own message, then the cause in brackets, e.g.
 * `POST https://site/wp-json/wp/v2/posts → 401 rest_cannot_create: Sorry… [password_rejected]`
 * or `… [site_busy 2/6 @2026-12-05T14:32:00.000Z]`. Readers that only show the text still
 * read well; the web app reads the bracket (older rows have none and are read by their text).
 */
export function withCause(message: string, cause: PublishCause, retry?: RetryNote): string {
  const note = retry
    ? ` ${retry.attempt}/${retry.max}${retry.nextAt ? ` @${retry.nextAt}` : ''}`
    : '';
  return `${message} [${cause}${note}]`;
}

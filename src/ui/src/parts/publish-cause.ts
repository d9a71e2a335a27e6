/**
 * Reads a publication's stored `lastError` (issue 14): the runner appends the cause code in
 * brackets (`… [password_rejected]`, `… [site_busy 2/6 @2026-12-05T14:32:00.000Z]`); older rows
 * have only the technical text, whose fixed shape `METHOD URL → STATUS CODE: reason` still
 * tells the cause. The words for each cause are `cause.<code>` in words-en.ts / words-cs.ts.
 */
import type { MessageKey } from '../i18n/en.js';

/** The causes the web app has words for (the server's publish-causes.ts, seen over HTTP). */
export const causeCodes = [
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
  'git_conflict',
  'image_unreadable',
  'settings_invalid',
  'region_missing',
  'region_broken',
  'unknown',
] as const;

/** One cause code. */
export type CauseCode = (typeof causeCodes)[number];

/** What a stored failure says: its cause, the technical text, and where a retry stands. */
export interface ReadFailure {
  cause: CauseCode;
  /** The technical text without the cause bracket (method, URL, status, remote code). */
  detail: string;
  attempt?: number;
  max?: number;
  /** ISO time of the next attempt. */
  nextAt?: string;
}

const BRACKET = /\s\[([a-z_]+)(?: (\d+)\/(\d+))?(?: @(\S+))?\]$/;

/** Whether `code` is a cause the web app has words for. */
export function isCause(code: string): code is CauseCode {
  return (causeCodes as readonly string[]).includes(code);
}

/** The cause of a stored failure; old rows without a bracket are read by their shape. */
export function readFailure(lastError: string): ReadFailure {
  const m = BRACKET.exec(lastError);
  if (m) {
    const detail = lastError.slice(0, m.index);
    const code = m[1] ?? '';
    return {
      cause: isCause(code) ? code : 'unknown',
      detail,
      ...(m[2] && m[3] ? { attempt: Number(m[2]), max: Number(m[3]) } : {}),
      ...(m[4] ? { nextAt: m[4] } : {}),
    };
  }
  return { cause: oldCause(lastError), detail: lastError };
}

// The rows written before the cause code: the RemoteError's fixed shape and git's reasons.
function oldCause(text: string): CauseCode {
  const status = /→ (\d{3})(?: ([\w.-]+))?:/.exec(text);
  if (status) {
    const code = Number(status[1]);
    if (code === 429 || code >= 500) return 'site_busy';
    if (code === 401)
      return text.includes('/ghost/api/') ? 'ghost_key_rejected' : 'password_rejected';
    // WordPress answers a password it no longer accepts on the posts lookup with this 400.
    if (
      code === 400 &&
      status[2] === 'rest_invalid_param' &&
      /[?&](status=any|context=edit)/.test(text)
    )
      return 'password_rejected';
    if (code === 403) return 'no_permission';
    if (code === 404) return 'remote_missing';
    if (code >= 300 && code < 400) return 'answered_with_page';
    if (code >= 400) return 'content_refused';
  }
  if (/could not connect|timeout|ECONNRESET|ECONNREFUSED/.test(text)) return 'site_busy';
  if (/is not what (WordPress|Ghost)/.test(text)) return 'answered_with_page';
  if (/no longer on the server; upload it again|could not be read on the server/.test(text))
    return 'image_unreadable';
  if (/^No .* is stored/.test(text)) return 'secret_missing';
  if (/Admin API key .* is malformed/.test(text)) return 'ghost_key_wrong_kind';
  if (/refused the credentials|SSH key was refused/.test(text)) return 'git_auth_failed';
  if (/no write access/.test(text)) return 'git_forbidden';
  if (/branch does not exist/.test(text)) return 'git_branch_missing';
  if (/repository server could not be reached/.test(text)) return 'site_busy';
  return 'unknown';
}

/** Causes whose fix is on the Clients and sites screen (the sentence ends with a link there). */
export const fixedUnderSites: ReadonlySet<CauseCode> = new Set<CauseCode>([
  'password_rejected',
  'ghost_key_rejected',
  'ghost_key_wrong_kind',
  'secret_missing',
  'answered_with_page',
  'git_auth_failed',
  'git_forbidden',
  'git_repo_missing',
  'git_branch_missing',
  'settings_invalid',
  'region_missing',
  'region_broken',
  'unknown',
]);

/** The sentence of a cause; a busy site says when the next attempt is and which it is. */
export function causeSentence(
  failure: ReadFailure,
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
  when: (iso: string) => string,
): string {
  if (failure.cause === 'site_busy' && failure.attempt && failure.max) {
    return failure.nextAt
      ? t('causeBusyRetry', {
          time: when(failure.nextAt),
          attempt: failure.attempt,
          max: failure.max,
        })
      : t('causeBusyGaveUp', { max: failure.max });
  }
  return t(`cause.${failure.cause}`);
}

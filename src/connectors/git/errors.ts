/**
 * Errors of the git connector. Remote failures are RemoteErrors (`git push <url> → reason`,
 * URL without credentials) with a stable code and `retryable`; git's own words are kept in
 * the message after every credential is scrubbed from them.
 */
import { RemoteError, SitedeskError } from '../../shared/errors.js';
import type { EditConflict } from '../types.js';

/** Stable codes of git failures. */
export type GitErrorCode =
  | 'git_auth_failed'
  | 'git_forbidden'
  | 'git_unreachable'
  | 'git_timeout'
  | 'git_branch_missing'
  | 'git_repo_missing'
  | 'git_branch_protected'
  | 'git_push_rejected'
  | 'git_conflict'
  | 'git_clone_damaged'
  | 'git_generator_unknown'
  | 'git_failed';

/** A git command failed; `stderr` is git's message with credentials removed. */
export class GitError extends RemoteError {
  readonly stderr: string;

  constructor(
    code: GitErrorCode,
    call: { method: string; url: string },
    reason: string,
    options: { cause?: unknown; retryable?: boolean; stderr?: string } = {},
  ) {
    super(code, call, reason, options);
    this.stderr = options.stderr ?? '';
  }
}

/**
 * Someone else changed a file where sitedesk changed it too; nothing was written. Carries both
 * versions, so the secretary can see them side by side and choose (never retried by itself).
 */
export class GitConflictError extends GitError {
  readonly conflict: EditConflict;

  constructor(call: { method: string; url: string }, conflict: EditConflict) {
    super(
      'git_conflict',
      call,
      `someone else changed ${conflict.path} on the site where sitedesk changed it too; nothing was written`,
    );
    this.conflict = conflict;
  }
}

/** A path or file name that would leave the allowed folders, or could be read as an option. */
export class UnsafePathError extends SitedeskError {
  constructor(message: string) {
    super('git_path_unsafe', message);
  }
}

const RULES: { test: RegExp; code: GitErrorCode; reason: string; retryable?: boolean }[] = [
  {
    test: /could not read (Username|Password)|Authentication failed|returned error: 401|terminal prompts disabled/i,
    code: 'git_auth_failed',
    reason:
      'the server refused the credentials (401): check the token in the secret store and the user name',
  },
  {
    test: /Permission denied \(publickey|Host key verification failed/i,
    code: 'git_auth_failed',
    reason: 'the SSH key was refused',
  },
  {
    test: /returned error: 403|403 Forbidden|permission to .* denied|write access .* not granted/i,
    code: 'git_forbidden',
    reason: 'the credentials have no write access (403)',
  },
  {
    test: /Remote branch .* not found|couldn't find remote ref|unknown revision/i,
    code: 'git_branch_missing',
    reason: 'the branch does not exist on the remote',
  },
  {
    // Before the push-rejected rule: a protected branch refuses every push, so retrying is useless.
    test: /protected branch|GH006|pre-receive hook declined|You are not allowed to push code to protected branches/i,
    code: 'git_branch_protected',
    reason: 'the branch is protected: the server lets no one push to it directly',
  },
  {
    test: /Repository not found|repository '[^']*' not found|does not appear to be a git repository|returned error: 404/i,
    code: 'git_repo_missing',
    reason: 'the repository does not exist at this address (or the token cannot see it)',
  },
  {
    test: /\[rejected\]|non-fast-forward|fetch first|failed to push some refs/i,
    code: 'git_push_rejected',
    reason: 'the remote has commits we do not have',
    retryable: true,
  },
  {
    test: /Could not resolve host|Connection refused|Failed to connect|Connection timed out|Operation timed out|unable to access|Connection reset|early EOF|returned error: 5\d\d/i,
    code: 'git_unreachable',
    reason: 'the repository server could not be reached',
    retryable: true,
  },
  {
    test: /not a git repository|bad object|corrupt|loose object .* is corrupt|fatal: bad revision|index file corrupt/i,
    code: 'git_clone_damaged',
    reason: 'the local clone is damaged',
  },
];

/** Turns git's stderr into a code and a sentence a person can act on. */
export function classifyGitFailure(stderr: string): {
  code: GitErrorCode;
  reason: string;
  retryable: boolean;
} {
  for (const rule of RULES) {
    if (rule.test.test(stderr))
      return { code: rule.code, reason: rule.reason, retryable: rule.retryable ?? false };
  }
  const last = stderr.trim().split('\n').filter(Boolean).slice(-2).join(' ').slice(0, 300);
  return { code: 'git_failed', reason: last || 'git failed', retryable: false };
}

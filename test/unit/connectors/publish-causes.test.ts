/**
 * The cause of a failed publication (issue 14): the runner stores it after the error's own
 * text, and the web app words it in English and Czech; rows written before the code still
 * read by their text.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyGitFailure,
  GitConflictError,
  GitError,
} from '../../../src/connectors/git/errors.js';
import {
  publishCauseOf,
  publishCauses,
  withCause,
} from '../../../src/connectors/publish-causes.js';
import { ConfigError, RemoteError, SitedeskError } from '../../../src/shared/errors.js';
import { causeCodes, causeSentence, readFailure } from '../../../src/ui/src/parts/publish-cause.js';
import { cs } from '../../../src/ui/src/i18n/cs.js';
import { en, type MessageKey } from '../../../src/ui/src/i18n/en.js';

const translator =
  (catalog: Record<MessageKey, string>) =>
  (key: MessageKey, values?: Record<string, string | number>): string =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
      : catalog[key];
const tEn = translator(en);
const tCs = translator(cs);
const hhmm = (iso: string) => iso.slice(11, 16);

const wp = 'https://bakery.example/wp-json/wp/v2/posts';
const remote = (status: number, remoteCode?: string, url = wp, code = 'remote_x') =>
  new RemoteError(code, { method: 'POST', url, status, remoteCode }, 'Sorry, you are not allowed', {
    retryable: status === 429 || status >= 500,
  });
const git = (stderr: string) => {
  const c = classifyGitFailure(stderr);
  return new GitError(c.code, { method: 'git push', url: 'https://git.example/x.git' }, c.reason, {
    retryable: c.retryable,
  });
};

describe('publishCauseOf', () => {
  it.each([
    [remote(401, 'rest_cannot_create'), 'password_rejected'],
    [
      remote(401, 'UnauthorizedError', 'https://blog.example/ghost/api/admin/posts/'),
      'ghost_key_rejected',
    ],
    [remote(403, 'rest_cannot_publish'), 'no_permission'],
    // What a real WordPress answered after the Application Password changed (e2e publish-wordpress).
    [
      new RemoteError(
        'remote_invalid',
        {
          method: 'GET',
          url: 'http://127.0.0.1:45757/wp-json/wp/v2/posts?slug=opening-hours&status=any&context=edit',
          status: 400,
          remoteCode: 'rest_invalid_param',
        },
        'Invalid parameter(s): status',
      ),
      'password_rejected',
    ],
    [remote(404, 'rest_post_invalid_id'), 'remote_missing'],
    [remote(400, 'rest_invalid_param'), 'content_refused'],
    [remote(429), 'site_busy'],
    [remote(503), 'site_busy'],
    // A WordPress refusal sent as a 500, which the connector does not retry: not a busy site.
    [
      new RemoteError(
        'remote_server_error',
        { method: 'POST', url: wp, status: 500, remoteCode: 'empty_term_name' },
        'A name is required for this term.',
        { retryable: false },
      ),
      'content_refused',
    ],
    [
      new SitedeskError('validation_failed', 'tags.0 is only markup; type the tag as text'),
      'content_refused',
    ],
    [
      new RemoteError(
        'remote_unreachable',
        { method: 'GET', url: wp },
        'could not connect: ECONNRESET',
        { retryable: true },
      ),
      'site_busy',
    ],
    [
      new RemoteError(
        'remote_bad_response',
        { method: 'GET', url: wp, status: 200 },
        'the answer is not what WordPress sends',
      ),
      'answered_with_page',
    ],
    [
      new ConfigError(
        'No Application Password is stored for WordPress site "s1" (secret account "site:s1").',
      ),
      'secret_missing',
    ],
    [
      new ConfigError('The Ghost Admin API key of site "s2" is malformed: it has 0 colons'),
      'ghost_key_wrong_kind',
    ],
    [
      new SitedeskError(
        'image_unreadable',
        'the image a.png is no longer on the server; upload it again',
      ),
      'image_unreadable',
    ],
    [
      git(
        "remote: Repository not found.\nfatal: repository 'https://git.example/x.git/' not found",
      ),
      'git_repo_missing',
    ],
    [
      git(
        'remote: error: GH006: Protected branch update failed for refs/heads/main.\n ! [remote rejected] main -> main (protected branch hook declined)',
      ),
      'git_branch_protected',
    ],
    [git('fatal: Authentication failed for https://git.example/x.git'), 'git_auth_failed'],
    [
      new GitConflictError(
        { method: 'git merge-file', url: 'https://git.example/x.git' },
        { path: 'content/posts/a.md', theirs: 'a', ours: 'b', theirsVersion: '0'.repeat(40) },
      ),
      'git_conflict',
    ],
    [git(' ! [rejected] main -> main (fetch first)'), 'site_busy'],
    [new Error('boom'), 'unknown'],
  ])('%s → %s', (error, cause) => {
    expect(publishCauseOf(error)).toBe(cause);
  });

  it('never retries a protected branch (it is not a race with another push)', () => {
    expect(
      classifyGitFailure(
        '! [remote rejected] main -> main (protected branch hook declined)\nerror: failed to push some refs',
      ).retryable,
    ).toBe(false);
  });
});

describe('readFailure and the words', () => {
  const detail = `POST ${wp} → 401 rest_cannot_create: Sorry, you are not allowed to create posts`;

  it('reads the cause after the technical text and keeps the text as the detail', () => {
    const read = readFailure(withCause(detail, 'password_rejected'));
    expect(read).toEqual({ cause: 'password_rejected', detail });
    expect(causeSentence(read, tEn, hhmm)).toMatch(
      /^WordPress no longer accepts the saved Application Password/,
    );
    expect(causeSentence(read, tCs, hhmm)).toMatch(
      /^WordPress už nepřijímá uložené heslo aplikace/,
    );
  });

  it('says when a busy site is tried again and which attempt it is', () => {
    const stored = withCause(`PUT ${wp} → 503: Service Unavailable`, 'site_busy', {
      attempt: 2,
      max: 6,
      nextAt: '2026-12-05T14:32:00.000Z',
    });
    const read = readFailure(stored);
    expect(read).toMatchObject({ cause: 'site_busy', attempt: 2, max: 6 });
    expect(causeSentence(read, tEn, hhmm)).toBe(
      'The site was busy or did not answer; sitedesk tries again at 14:32 (attempt 2 of 6).',
    );
    expect(causeSentence(read, tCs, hhmm)).toBe(
      'Web byl přetížený nebo neodpověděl; sitedesk to zkusí znovu v 14:32 (2. pokus z 6).',
    );
    const gaveUp = readFailure(withCause('PUT x → 503: busy', 'site_busy', { attempt: 6, max: 6 }));
    expect(causeSentence(gaveUp, tCs, hhmm)).toMatch(/6krát po sobě/);
  });

  it('reads rows stored before the cause code by their shape', () => {
    expect(readFailure(detail).cause).toBe('password_rejected');
    expect(
      readFailure('GET https://b/ghost/api/admin/site/ → 401 UnauthorizedError: Invalid token')
        .cause,
    ).toBe('ghost_key_rejected');
    expect(readFailure('PUT https://a/x → 503: Service Unavailable').cause).toBe('site_busy');
    expect(
      readFailure(
        'GET http://127.0.0.1:45757/wp-json/wp/v2/posts?slug=opening-hours&status=any&context=edit&_fields=id → 400 rest_invalid_param: Invalid parameter(s): status',
      ).cause,
    ).toBe('password_rejected');
    expect(
      readFailure('git push https://g/x.git → the credentials have no write access (403)').cause,
    ).toBe('git_forbidden');
    expect(readFailure('the image a.png is no longer on the server; upload it again').cause).toBe(
      'image_unreadable',
    );
    expect(readFailure('something new').cause).toBe('unknown');
  });

  it('the web app knows every cause the server gives (its own list: the bundle has no server code)', () => {
    expect([...causeCodes].sort()).toEqual([...publishCauses].sort());
  });

  it('has words for every cause in both languages, and the Czech differs', () => {
    for (const code of causeCodes) {
      const key = `cause.${code}` as MessageKey;
      expect(en[key], code).toBeTruthy();
      expect(cs[key], code).toBeTruthy();
      expect(cs[key], code).not.toBe(en[key]);
    }
  });
});

/**
 * verify() for Ghost, read-only: the key is there and well-formed, the URL answers as Ghost,
 * the key is accepted, and the key may write. Each failure names a cause a person can fix;
 * the key itself is never shown.
 */
import { messageOf } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { VerifyCheck, VerifyResult } from '../types.js';
import type { GhostClient } from './client.js';
import { GhostRemoteError } from './errors.js';
import type { GhostHttp } from './http.js';
import { ADMIN_KEY_SHAPE } from './settings.js';

type Cause = NonNullable<VerifyResult['cause']>;

/** What verify needs: the key check done by the connector, the client, and the raw request. */
export interface VerifyInput {
  siteUrl: string;
  adminUrl: string;
  account: string;
  /** The outcome of reading and parsing the key. */
  key: { ok: true } | { ok: false; missing: boolean; problem: string };
  client: GhostClient;
  http: GhostHttp;
  clock: Clock;
}

/** An id Ghost never hands out; editing it shows permission without touching anything. */
const NO_SUCH_POST = '000000000000000000000000';
/** Ghost refuses tokens older than 5 minutes; beyond this skew the clock is the likely cause. */
const SKEW_LIMIT_MS = 4 * 60 * 1000;

/** Runs the checks in order and stops at the first that fails. */
export async function verifyGhost(input: VerifyInput): Promise<VerifyResult> {
  const checks: VerifyCheck[] = [];
  const fail = (name: string, cause: Cause): VerifyResult => {
    checks.push({ name, ok: false, message: cause.message });
    return { ok: false, checks, cause };
  };

  if (!input.key.ok) {
    return input.key.missing
      ? fail('key', {
          code: 'key_missing',
          message: 'No Admin API key is stored for this site.',
          fix: 'In Ghost Admin open Settings → Integrations → Add custom integration, copy the Admin API key and save it in sitedesk for this site.',
        })
      : fail('key', {
          code: 'key_malformed',
          message: `The stored Admin API key is not in Ghost's format: ${input.key.problem}.`,
          fix: `Copy the whole "Admin API key" (not the Content API key) from the custom integration in Ghost Admin; it looks like ${ADMIN_KEY_SHAPE}.`,
        });
  }
  checks.push({ name: 'key', ok: true, message: 'an Admin API key of the right shape is stored' });

  let version: string;
  try {
    const site = await input.client.site();
    version = site.version;
    const major = Number.parseInt(version, 10);
    if (!(major >= 5)) {
      return fail('reachable', {
        code: 'ghost_too_old',
        message: `${input.adminUrl} runs Ghost ${version}; sitedesk needs Ghost 5 or later.`,
        fix: 'Update Ghost, or ask the host to.',
      });
    }
    const mismatch = site.url.replace(/\/+$/, '') !== input.siteUrl;
    checks.push({
      name: 'reachable',
      ok: true,
      message:
        `Ghost ${version} answers at ${input.adminUrl}` +
        (mismatch ? ` (it calls itself ${site.url})` : ''),
    });
  } catch (error) {
    return fail('reachable', reachCause(error, input.adminUrl));
  }

  try {
    await input.http({ method: 'GET', path: '/posts/', params: { limit: 1, fields: 'id' } });
    checks.push({ name: 'key accepted', ok: true, message: 'Ghost accepts the Admin API key' });
  } catch (error) {
    return fail('key accepted', keyCause(error, input.clock));
  }

  try {
    await input.http({
      method: 'PUT',
      path: `/posts/${NO_SUCH_POST}/`,
      data: { posts: [{ updated_at: new Date(0).toISOString() }] },
    });
    return fail('may write', unexpected('editing a post that cannot exist was accepted'));
  } catch (error) {
    if (error instanceof GhostRemoteError && error.status === 404) {
      checks.push({
        name: 'may write',
        ok: true,
        message: 'the key may edit posts (checked without changing any)',
      });
      return { ok: true, checks };
    }
    if (error instanceof GhostRemoteError && error.status === 403) {
      return fail('may write', {
        code: 'key_read_only',
        message: 'Ghost accepts the key but does not let it edit posts.',
        fix: "Use the Admin API key of a custom integration (Settings → Integrations), not a Content API key or a contributor's staff token.",
      });
    }
    return fail('may write', unexpected(messageOf(error)));
  }
}

function reachCause(error: unknown, adminUrl: string): Cause {
  if (error instanceof GhostRemoteError) {
    if (error.code === 'remote_unreachable' || error.code === 'remote_timeout') {
      return {
        code: 'site_unreachable',
        message: `Cannot reach ${adminUrl}: ${error.message}`,
        fix: 'Check the site URL (spelling, http vs https) and that the site is up.',
      };
    }
    if (error.code === 'remote_redirected') {
      return {
        code: 'site_redirects',
        message: `${adminUrl} redirects: ${error.message}`,
        fix: 'Set the site URL (or settings.adminUrl) to the address it redirects to, without /ghost.',
      };
    }
    return {
      code: 'not_ghost',
      message: `${adminUrl} answers, but not as a Ghost site: ${error.message}`,
      fix: 'Use the address of the Ghost site itself. If Ghost Admin lives on another address (e.g. https://name.ghost.io), set settings.adminUrl to it.',
    };
  }
  return unexpected(messageOf(error));
}

function keyCause(error: unknown, clock: Clock): Cause {
  if (!(error instanceof GhostRemoteError)) return unexpected(messageOf(error));
  const ghost = error.ghostError;
  const text = `${ghost?.message ?? ''} ${ghost?.context ?? ''}`;
  if (error.status === 401 && ghost?.code === 'UNKNOWN_ADMIN_API_KEY') {
    return {
      code: 'key_revoked',
      message:
        'Ghost does not know this Admin API key: its integration was deleted or the key was regenerated.',
      fix: 'Copy the current Admin API key from Settings → Integrations in Ghost Admin and save it in sitedesk.',
    };
  }
  if (error.status === 401 && /expired|maxAge|iat|nbf|not active/i.test(text)) {
    const skew = skewMs(error.serverDate, clock);
    return {
      code: 'clock_skew',
      message:
        'Ghost rejects the token as expired, so this computer and the server disagree about the time' +
        (skew === undefined
          ? '.'
          : ` (this computer is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the server).`),
      fix: 'Set the clock of the computer running sitedesk right (enable NTP time sync); Ghost allows tokens at most 5 minutes old.',
    };
  }
  if (error.status === 401 && /signature/i.test(text)) {
    return {
      code: 'key_wrong_secret',
      message: "Ghost knows the key's id, but the secret part does not match.",
      fix: 'Copy the whole Admin API key again from Settings → Integrations; part of it was changed or cut.',
    };
  }
  if (error.status === 401 || error.status === 403) {
    return {
      code: 'key_rejected',
      message: `Ghost rejects the key: ${error.message}`,
      fix: 'If a proxy or CDN sits in front of Ghost, make sure it passes the Authorization header through.',
    };
  }
  return unexpected(error.message);
}

function skewMs(serverDate: string | undefined, clock: Clock): number | undefined {
  const server = serverDate ? Date.parse(serverDate) : Number.NaN;
  if (Number.isNaN(server)) return undefined;
  const skew = clock.now() - server;
  return Math.abs(skew) >= SKEW_LIMIT_MS ? skew : undefined;
}

function unexpected(detail: string): Cause {
  return {
    code: 'unexpected',
    message: `Ghost answered unexpectedly: ${detail}`,
    fix: 'Try again; if it persists, look at the Ghost server log.',
  };
}

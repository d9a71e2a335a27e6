/**
 * The short-lived JWT Ghost's Admin API expects (https://ghost.org/docs/admin-api/#token-authentication):
 * header `{alg: HS256, typ: JWT, kid: <key id>}`, payload `{iat, exp: iat + 300, aud: '/admin/'}`,
 * signed with HMAC-SHA256 using the hex-decoded secret. Made with node:crypto; no JWT library.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../../shared/clock.js';
import type { AdminKey } from './settings.js';

/** Lifetime Ghost allows at most: 5 minutes, in seconds. */
export const TOKEN_LIFETIME_S = 300;
/** A cached token is replaced this long before it expires, in seconds. */
const RENEW_BEFORE_S = 60;

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** A signed token for `key` issued at `iatSeconds`. */
export function signAdminToken(key: AdminKey, iatSeconds: number): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.id }));
  const payload = base64url(
    JSON.stringify({ iat: iatSeconds, exp: iatSeconds + TOKEN_LIFETIME_S, aud: '/admin/' }),
  );
  const signature = createHmac('sha256', Buffer.from(key.secret, 'hex'))
    .update(`${header}.${payload}`)
    .digest();
  return `${header}.${payload}.${base64url(signature)}`;
}

/** Returns a token, reusing one until a minute before it expires (by the injected clock). */
export function createTokenSource(key: AdminKey, clock: Clock): () => string {
  let cached: { token: string; renewAt: number } | undefined;
  return () => {
    const now = Math.floor(clock.now() / 1000);
    if (!cached || now >= cached.renewAt || now < cached.renewAt - TOKEN_LIFETIME_S) {
      cached = {
        token: signAdminToken(key, now),
        renewAt: now + TOKEN_LIFETIME_S - RENEW_BEFORE_S,
      };
    }
    return cached.token;
  };
}

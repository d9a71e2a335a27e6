import type { RequestHandler, Response } from 'express';
import type { Accounts, LinkRefusal, Principal } from '../../tasks/accounts/index.js';
import { unauthenticated } from '../http-errors.js';

/** Name of the session cookie (HttpOnly). */
export const SESSION_COOKIE = 'sitedesk_session';
/** Name of the cookie the web app reads the CSRF token from (not HttpOnly, by design). */
export const CSRF_COOKIE = 'sitedesk_csrf';

/** Who the authenticate middleware found, and why a presented credential opened nothing. */
export interface AuthState {
  principal?: Principal;
  refusal?: LinkRefusal;
}

/** The caller found for this request (empty when the middleware did not run). */
export function authState(res: Response): AuthState {
  const state: unknown = res.locals.auth;
  return typeof state === 'object' && state !== null ? (state as AuthState) : {};
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Finds the caller of a request from its `Authorization` and `Cookie` headers: `Bearer sdt_…`
 * (API token), `Bearer sdc_…` (a client's private link), else the session cookie. A malformed
 * Authorization header throws the 401; an unknown token is a refusal, not an error, so public
 * routes still answer. The express middleware and the task-list fast lane both use this.
 */
export async function findCaller(
  accounts: Accounts,
  authorization: string | undefined,
  cookie: string | undefined,
): Promise<AuthState> {
  const state: AuthState = {};
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(authorization);
    if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const token = match[1];
    if (token.startsWith('sdc_')) {
      const found = await accounts.linkPrincipal(token);
      if (typeof found === 'string') state.refusal = found;
      else state.principal = found;
    } else {
      const found = token.startsWith('sdt_') ? await accounts.tokenPrincipal(token) : undefined;
      if (found) state.principal = found;
      else state.refusal = 'unknown';
    }
  } else {
    const session = readCookie(cookie, SESSION_COOKIE);
    if (session && /^[A-Za-z0-9_-]{20,100}$/.test(session)) {
      const found = await accounts.sessionPrincipal(session);
      if (found) state.principal = found;
    }
  }
  return state;
}

/** The middleware that puts findCaller's answer where authState() finds it. */
export function createAuthenticate(accounts: Accounts): RequestHandler {
  return async (req, res, next) => {
    res.locals.auth = await findCaller(accounts, req.get('authorization'), req.get('cookie'));
    next();
  };
}

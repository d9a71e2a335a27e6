import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  SESSION_MS,
  setLanguageSchema,
  userLanguages,
  type User,
} from '../../tasks/accounts/index.js';
import { addUserSchema } from '../../tasks/accounts/users.js';
import { unauthenticated } from '../http-errors.js';
import { route, userOf, type ApiRoute } from '../api/define.js';
import type { RouteDeps } from '../api/deps.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/authenticate.js';
import { meAnswer, setupStateAnswer, signedInAnswer } from '../answers/accounts.js';
import { answers } from '../answers/page.js';

const loginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

const setupSchema = z.strictObject({
  token: z.string().min(10).max(200),
  username: addUserSchema.shape.username,
  password: addUserSchema.shape.password,
});

function setCookies(req: Request, res: Response, token: string, csrfToken: string): void {
  // Secure whenever the request came over HTTPS (directly, or via a proxy the
  // `trust proxy` setting believes); SameSite=Strict keeps the cookie off cross-site requests.
  const common = { path: '/', sameSite: 'strict' as const, secure: req.secure, maxAge: SESSION_MS };
  res.cookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, csrfToken, { ...common, httpOnly: false });
}

/**
 * Starts a session for `user` and answers as sign-in does: cookies set, and the user (with the
 * language saved on her, so the app switches at once), the CSRF token and the expiry.
 */
async function signIn(deps: RouteDeps, req: Request, res: Response, user: User) {
  const session = await deps.accounts.createSession(user);
  setCookies(req, res, session.token, session.csrfToken);
  const language = await deps.accounts.getUserLanguage(user.id);
  return {
    user: { ...user, language },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/** Login, logout, who am I, and the first-start set-up. */
export function authRoutes(deps: RouteDeps): ApiRoute[] {
  return [
    route(
      {
        method: 'post',
        path: '/api/v1/auth/login',
        access: 'public',
        tag: 'auth',
        summary: 'Log in; sets the session cookie and returns the CSRF token',
        body: loginSchema,
        responses: answers(200, 'Signed in', signedInAnswer),
      },
      async ({ body, req, res }) => {
        const keys = [`ip:${req.ip ?? 'unknown'}`, `user:${body.username.toLowerCase()}`];
        await deps.limiter.check(keys);
        const user = await deps.accounts.checkPassword(body.username, body.password);
        if (!user) {
          await deps.limiter.failed(keys);
          throw unauthenticated('The user name or the password is wrong.', 'login_failed');
        }
        await deps.limiter.succeeded(keys);
        return { json: await signIn(deps, req, res, user) };
      },
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/auth/logout',
        access: 'agency',
        tag: 'auth',
        summary: 'End the current session',
        success: 204,
      },
      async ({ who, res }) => {
        if (who?.kind === 'user' && who.via === 'session')
          await deps.accounts.endSession(who.sessionId);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.clearCookie(CSRF_COOKIE, { path: '/' });
        return {};
      },
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/auth/me',
        access: 'signed-in',
        tag: 'auth',
        summary: 'Who is calling',
        responses: answers(200, 'The caller', meAnswer),
      },
      async ({ who }) => {
        if (who?.kind === 'client') return { json: { kind: 'client', clientId: who.clientId } };
        const user = userOf(who);
        // Read per call, not kept on the principal: a saved choice shows on the next load.
        const language = await deps.accounts.getUserLanguage(user.id);
        return { json: { kind: 'user', user: { ...user, language } } };
      },
    ),
    route(
      {
        method: 'put',
        path: '/api/v1/auth/me/language',
        access: 'agency',
        tag: 'auth',
        summary: 'Save the language the calling user reads the web app in (en or cs)',
        body: setLanguageSchema,
        responses: answers(
          200,
          'The saved language',
          z.object({ language: z.enum(userLanguages) }),
        ),
      },
      async ({ who, body }) => ({
        json: { language: await deps.accounts.setUserLanguage(userOf(who).id, body.language) },
      }),
    ),
    route(
      {
        method: 'get',
        path: '/api/v1/setup',
        access: 'public',
        tag: 'auth',
        summary:
          'Whether set-up is still open (no account exists yet): `{ setupOpen }`, nothing else',
        responses: answers(200, 'Whether set-up is open', setupStateAnswer),
      },
      async () => ({ json: { setupOpen: await deps.accounts.isSetupOpen() } }),
    ),
    route(
      {
        method: 'post',
        path: '/api/v1/setup',
        access: 'public',
        tag: 'auth',
        summary:
          'Create the first admin with the set-up token printed at first start; signs her in as login does (session cookie, CSRF token)',
        body: setupSchema,
        success: 201,
        responses: answers(201, 'The first admin, signed in', signedInAnswer),
      },
      async ({ body, req, res }) => {
        const user = await deps.accounts.completeSetup(body.token, {
          username: body.username,
          password: body.password,
        });
        return { json: await signIn(deps, req, res, user) };
      },
    ),
  ];
}

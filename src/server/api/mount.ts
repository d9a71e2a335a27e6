import type { Express, Request } from 'express';
import type { FieldIssue } from '../../shared/errors.js';
import { sameToken, hashToken } from '../../tasks/accounts/index.js';
import { forbidden, unauthenticated } from '../http-errors.js';
import { answersChecked, checkAnswersOf } from './answer-check.js';
import { none as noneSchema, type Access, type ApiRoute } from './define.js';
import { badRequest, forbiddenKeys, parsePart } from './validate.js';
import { authState, type AuthState } from '../auth/authenticate.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The header a cookie-authenticated write must carry (docs/api-guide.md, "Accounts and signing in"). */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Throws the 401/403 when the caller found by authentication (`auth`) may not call a route of
 * `access` with `method`; `csrfSent` is the request's CSRF header (checked for cookie writes).
 * Used by mountRoutes and by the task-list fast lane, so both apply the same rules.
 */
export function checkAccess(
  access: Access,
  method: string,
  csrfSent: string | undefined,
  { principal: who, refusal }: AuthState,
): void {
  if (access === 'public') return;
  if (!who) {
    throw refusal === 'expired'
      ? unauthenticated('This private link has expired; ask for a new one.', 'link_expired')
      : refusal === 'revoked'
        ? unauthenticated('This private link was revoked; ask for a new one.', 'link_revoked')
        : unauthenticated();
  }
  if (access === 'client' && who.kind !== 'client')
    throw forbidden('Only a client’s private link opens this.');
  if ((access === 'agency' || access === 'admin') && who.kind !== 'user')
    throw forbidden('A private client link does not open agency pages.');
  if (access === 'admin' && (who.kind !== 'user' || who.user.role !== 'admin'))
    throw forbidden('Only an admin may do this.');
  // Double protection for cookie sessions: SameSite=Strict, and a token bound to the session
  // that a cross-site form cannot send (custom header; a cross-site fetch would need CORS).
  if (who.kind === 'user' && who.via === 'session' && !SAFE_METHODS.has(method)) {
    if (!csrfSent || !sameToken(hashToken(csrfSent), who.csrfHash))
      throw forbidden(
        `A write with a session cookie must send the ${CSRF_HEADER} header from the login answer.`,
        'csrf_failed',
      );
  }
}

/**
 * On top of the CSRF token, a cookie-session write whose browser names where it comes from
 * (`Origin`, else `Referer`) must come from this service's own host: a page elsewhere that got
 * hold of a token still cannot write. Callers that send neither (scripts with a cookie) rely
 * on the token alone. Hosts are compared without the scheme, so a TLS proxy in front is fine.
 */
export function checkSameOrigin(req: Request, { principal: who }: AuthState): void {
  if (!who || who.kind !== 'user' || who.via !== 'session' || SAFE_METHODS.has(req.method)) return;
  const from = req.get('origin') ?? req.get('referer');
  if (from === undefined) return;
  let host: string | undefined;
  try {
    host = from === 'null' ? undefined : new URL(from).host;
  } catch {
    host = undefined;
  }
  // The proxy's idea of the host only when the app was told to trust a proxy.
  const forwarded = req.app.get('trust proxy') ? req.get('x-forwarded-host') : undefined;
  const own = forwarded ?? req.get('host');
  if (host === undefined || host !== own)
    throw forbidden(
      'A write with a session cookie must come from sitedesk’s own pages (its Origin is another site).',
      'origin_refused',
    );
}

function contentTypeIssues(route: ApiRoute, req: Request): FieldIssue[] {
  const length = req.headers['content-length'];
  const hasBody =
    (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!route.spec.body) {
    return hasBody &&
      !SAFE_METHODS.has(req.method) &&
      req.is('application/json') !== 'application/json'
      ? [{ path: 'body', message: 'this request takes no body' }]
      : [];
  }
  const want =
    route.spec.bodyType === 'multipart'
      ? ['multipart/form-data', 'application/json']
      : ['application/json'];
  return req.is(want)
    ? []
    : [{ path: 'body', message: `Content-Type must be ${want.join(' or ')}` }];
}

/**
 * Mounts each route on the app at its full path: access, CSRF, content type, zod validation,
 * then the handler; under the test runner its success answers are held to their schemas.
 */
export function mountRoutes(app: Express, routes: readonly ApiRoute[]): void {
  const checkAnswers = answersChecked();
  for (const route of routes) {
    const { spec } = route;
    app[spec.method](spec.path, async (req, res) => {
      if (checkAnswers) checkAnswersOf(spec, res);
      const auth = authState(res);
      checkAccess(spec.access, req.method, req.get(CSRF_HEADER), auth);
      checkSameOrigin(req, auth);
      const json = req.is('application/json') === 'application/json';
      const rawBody: unknown = spec.body && json ? (req.body ?? {}) : {};
      const issues: FieldIssue[] = [
        ...contentTypeIssues(route, req),
        ...forbiddenKeys(req.query, 'query'),
        ...forbiddenKeys(rawBody, 'body'),
      ];
      // Parsing goes on after a refused key so the answer names every wrong field; nothing
      // parsed here reaches a handler unless there are no issues at all.
      const params = parsePart(spec.params ?? noneSchema, { ...req.params }, 'params', issues);
      const query = parsePart(spec.query ?? noneSchema, { ...req.query }, 'query', issues);
      // A multipart body is parsed (and validated with spec.body) by its handler, after the files.
      const body = spec.body && json ? parsePart(spec.body, rawBody, 'body', issues) : undefined;
      if (issues.length) throw badRequest(issues);
      const reply = await route.handler({ params, query, body, who: auth.principal, req, res });
      if (reply === undefined) return;
      res.status(reply.status ?? spec.success ?? 200);
      if (reply.json === undefined) res.end();
      else res.json(reply.json);
    });
  }
}

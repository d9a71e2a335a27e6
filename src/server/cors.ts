import type { RequestHandler } from 'express';

/**
 * Opt-in CORS for scripts on other origins that use API tokens (never cookies: no
 * `Access-Control-Allow-Credentials`, so a session cannot be used cross-origin). Origins must
 * match exactly (`https://intranet.example`); without a list no CORS header is ever sent.
 */
export function createCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined || !allowed.has(origin)) {
      next();
      return;
    }
    res.vary('Origin');
    res.set('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.set({
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Last-Event-ID',
        'Access-Control-Max-Age': '600',
      });
      res.status(204).end();
      return;
    }
    next();
  };
}

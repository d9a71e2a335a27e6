import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import {
  ConflictError,
  NotFoundError,
  SecretStoreError,
  SitedeskError,
  ValidationError,
} from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { HttpError } from './http-errors.js';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: readonly { path: string; message: string }[] };
}

/** The matched route's pattern (never the raw path: preview tokens are in paths). */
function routeOf(req: Request): string {
  const route: unknown = req.route;
  return typeof route === 'object' && route && 'path' in route ? String(route.path) : 'unmatched';
}

/** HTTP status for an error class; anything not listed is a 500. */
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof ValidationError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  // completeSetup refuses a used, expired or late set-up token.
  if (error instanceof SitedeskError && error.code === 'setup_refused') return 403;
  // The keychain or the secret file did not answer: worth retrying, and its message is safe.
  if (error instanceof SecretStoreError) return 503;
  return 500;
}

/** Body-parser and other http-errors carry `status`/`type`; they are the caller's fault. */
function clientHttpError(
  error: unknown,
): { status: number; code: string; message: string } | undefined {
  if (typeof error !== 'object' || error === null || error instanceof SitedeskError)
    return undefined;
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  const type = 'type' in error && typeof error.type === 'string' ? error.type : 'bad_request';
  const known: Record<string, string> = {
    'entity.parse.failed': 'The request body is not valid JSON.',
    'entity.too.large': 'The request body is too large.',
    'encoding.unsupported': 'The request body encoding is not supported.',
  };
  return {
    status,
    code: type.replace(/\W+/g, '_'),
    message: known[type] ?? 'The request is not valid.',
  };
}

/**
 * The one place errors become HTTP responses (`{ error: { code, message, details } }`).
 * Known errors keep their code and message; anything unknown is logged and answered with a
 * plain 500 that leaks no internals.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const client = clientHttpError(error);
    if (client) {
      res
        .status(client.status)
        .json({ error: { code: client.code, message: client.message } } satisfies ErrorBody);
      return;
    }
    const status = statusOf(error);
    if (status === 500 || !(error instanceof SitedeskError)) {
      logger.error({ err: error, method: req.method, route: routeOf(req) }, 'request failed');
      res.status(500).json({
        error: {
          code: 'internal',
          message: 'Something went wrong on the server; it has been logged.',
        },
      } satisfies ErrorBody);
      return;
    }
    if (status >= 500)
      logger.warn({ err: error, method: req.method, route: routeOf(req) }, 'request failed');
    if (error instanceof HttpError) res.set(error.headers);
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    res.status(status).json(body);
  };
}

/** Answers every unknown route with a JSON 404 instead of express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({
    error: { code: 'not_found', message: `No route for ${req.method} ${req.path}.` },
  } satisfies ErrorBody);
};

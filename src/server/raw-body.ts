import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Response } from 'express';

/** Paths whose raw request bytes are kept: signed webhooks verify the HMAC over the exact bytes. */
const RAW_PATHS = /^\/api\/v1\/webhooks\//;

/**
 * express.json's `verify` hook: keeps the raw body of webhook requests in `res.locals.rawBody`
 * (re-serialising the parsed JSON would not give the bytes the sender signed).
 */
export function keepRawBody(req: IncomingMessage, res: ServerResponse, buf: Buffer): void {
  if (!RAW_PATHS.test(req.url ?? '')) return;
  // express makes every ServerResponse a Response with `locals` before body parsing runs.
  (res as Response).locals.rawBody = buf;
}

/** The raw body kept by keepRawBody, if any. */
export function rawBodyOf(res: Response): Buffer | undefined {
  const raw: unknown = res.locals.rawBody;
  return Buffer.isBuffer(raw) ? raw : undefined;
}

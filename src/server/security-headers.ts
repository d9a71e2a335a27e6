import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';

/** A connect-style middleware such as helmet()'s. */
type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Response headers as name/value pairs, in the order they were set. */
export type HeaderPairs = readonly (readonly [string, string | number | readonly string[]])[];

/**
 * The headers `middleware` sets, taken once from a dry run. With static options (no nonce
 * functions) helmet sets the same values on every response, so they can be replayed.
 */
export function headersOf(middleware: HeaderMiddleware): HeaderPairs {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  // The names as set, in order: getHeaders() would lower-case them, and a replay should send
  // the same bytes as the middleware itself.
  const names = new Map<string, string>();
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    names.set(name.toLowerCase(), name);
    return setHeader(name, value);
  };
  let called = false;
  middleware(res.req, res, () => (called = true));
  // A middleware that answered, or went async, would not be replayed faithfully: refuse it.
  if (!called) throw new Error('staticHeaders: the middleware did not call next() at once');
  return [...names.values()].flatMap((name) => {
    const value = res.getHeader(name);
    return value === undefined ? [] : [[name, value] as const];
  });
}

/** A middleware that sets `headers` on every response in one loop. */
export function replayHeaders(headers: HeaderPairs): RequestHandler {
  return (_req, response, next) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    // helmet's xPoweredBy does this too; express's own header is disabled in createApp.
    response.removeHeader('X-Powered-By');
    next();
  };
}

/**
 * helmet's headers set by one middleware instead of its chain of eleven: the task list is
 * polled thousands of times a second under load, and helmet's chain was about a tenth of each
 * request's time.
 */
export function staticHeaders(middleware: HeaderMiddleware): RequestHandler {
  return replayHeaders(headersOf(middleware));
}

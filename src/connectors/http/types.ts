/**
 * The shared HTTP layer of the connectors: a request is plain data, a handler turns it into a
 * Response, and cross-cutting concerns (retry, timeout) are `(request, next)` middlewares,
 * one file each, in the style of Gutenberg's api-fetch middlewares — but composed per
 * connector instance, never registered in a module-global list.
 */

/** One HTTP request; `url` is absolute and carries no credentials (they go in `headers`). */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /**
   * Whether sending the request twice has the effect of sending it once. Default: true for
   * GET, HEAD, OPTIONS, PUT and DELETE (also when tunnelled as POST with
   * `X-HTTP-Method-Override`), false otherwise. Retries of non-idempotent requests are
   * limited to answers that prove the server did nothing (429).
   */
  idempotent?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** Sends a request; resolves with any HTTP answer (also 4xx/5xx), rejects on transport errors. */
export type HttpHandler = (request: HttpRequest) => Promise<Response>;

/** Wraps the rest of the chain: may change the request, retry, or replace the answer. */
export type HttpMiddleware = (request: HttpRequest, next: HttpHandler) => Promise<Response>;

/** The `fetch` a connector uses; injected so tests can route through a proxy. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** `middlewares[0]` runs first (outermost) and `handler` last. */
export function composeHttp(
  middlewares: readonly HttpMiddleware[],
  handler: HttpHandler,
): HttpHandler {
  return middlewares.reduceRight<HttpHandler>(
    (next, middleware) => (request) => middleware(request, next),
    handler,
  );
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Whether `request` may be sent again after an unknown outcome (see HttpRequest.idempotent). */
export function isIdempotent(request: HttpRequest): boolean {
  if (request.idempotent !== undefined) return request.idempotent;
  const override = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === 'x-http-method-override',
  )?.[1];
  return IDEMPOTENT_METHODS.has((override ?? request.method).toUpperCase());
}

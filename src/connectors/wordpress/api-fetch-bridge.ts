import * as apiFetchModule from '@wordpress/api-fetch';
import type { APIFetchOptions, ApiFetch } from '@wordpress/api-fetch';
import type { HttpHandler, HttpRequest } from '../http/types.js';

/**
 * Sends WordPress requests through @wordpress/api-fetch without letting its module-global
 * state mix sites. api-fetch keeps one middleware list and one fetch handler per process
 * (`apiFetch.use`, `apiFetch.setFetchHandler`); registering a root-URL or auth middleware per
 * site there would make every site's requests go through every other site's middlewares.
 * So nothing is registered: each call carries its absolute URL, its own headers
 * (Authorization included) and the site's own HTTP chain (retry → timeout → fetch) in its
 * options, and the fetch handler below is stateless — it only dispatches to the chain it
 * finds in the options. api-fetch's built-in chain still runs: `_locale=user` (messages in
 * the user's language) and httpV1 (PUT/PATCH/DELETE tunnelled as POST with
 * X-HTTP-Method-Override, for hosts that block those methods).
 *
 * Where api-fetch cannot serve, and why:
 * - its default fetch handler uses `globalThis.fetch`, `window.location` and
 *   `navigator.onLine` (browser-only) and cannot take a per-site fetch: replaced below;
 * - it has no timeouts or retries: those are ../http middlewares, inside the handler;
 * - `fetchAllMiddleware` loads every page into memory (`per_page=-1`): paging is an async
 *   iterator over `X-WP-TotalPages` in client.ts instead;
 * - `mediaUploadMiddleware` expects browser FormData and retries image post-processing:
 *   uploads send the raw bytes with Content-Disposition instead.
 * - its error normalisation (`{ code, message }` objects) loses the status and URL: responses
 *   are returned unparsed (`parse: false`) and client.ts builds RemoteErrors.
 */

/** Options of one bridged call: api-fetch's, plus the site's own HTTP chain. */
interface BridgedOptions extends APIFetchOptions<false> {
  sitedeskHandler: HttpHandler;
  sitedeskIdempotent?: boolean | undefined;
}

function isBridged(options: APIFetchOptions): options is BridgedOptions {
  return 'sitedeskHandler' in options && typeof options.sitedeskHandler === 'function';
}

// The package's types are CommonJS-flavoured (no "type": "module"), so TypeScript places the
// default export one `.default` deeper than Node's ESM loader does: look for it at either depth.
function isApiFetch(value: unknown): value is ApiFetch {
  return (
    typeof value === 'function' &&
    'setFetchHandler' in value &&
    typeof value.setFetchHandler === 'function'
  );
}
function findApiFetch(value: unknown, depth = 0): ApiFetch {
  if (isApiFetch(value)) return value;
  if (depth < 2 && typeof value === 'object' && value !== null && 'default' in value) {
    return findApiFetch(value.default, depth + 1);
  }
  throw new Error('@wordpress/api-fetch has no default export; is the package installed?');
}
const apiFetch = findApiFetch(apiFetchModule);

// Stateless: the same function for every site, so installing it again and again is harmless.
const dispatchToSiteChain = (options: APIFetchOptions): Promise<Response> => {
  if (!isBridged(options)) {
    return Promise.reject(new Error('api-fetch was called without a sitedesk site handler'));
  }
  const headers: Record<string, string> = {
    Accept: 'application/json, */*;q=0.1',
    ...options.headers,
  };
  let body: string | Uint8Array | undefined;
  if (options.data !== undefined) {
    body = JSON.stringify(options.data);
    headers['Content-Type'] = 'application/json';
  } else if (typeof options.body === 'string' || options.body instanceof Uint8Array) {
    body = options.body;
  }
  const request: HttpRequest = {
    method: options.method ?? 'GET',
    url: options.url ?? '',
    headers,
    body,
    idempotent: options.sitedeskIdempotent,
    signal: options.signal ?? undefined,
  };
  return options.sitedeskHandler(request);
};

/** One WordPress request as the client describes it. */
export interface BridgeRequest {
  method: string;
  /** Absolute URL (the site's REST route with query). */
  url: string;
  headers: Record<string, string>;
  /** JSON body (sent with Content-Type: application/json). */
  data?: unknown;
  /** Raw body (uploads). */
  body?: Uint8Array | undefined;
  idempotent?: boolean | undefined;
}

/** Sends `request` through api-fetch into `chain`; resolves with any HTTP answer, unparsed. */
export function sendThroughApiFetch(request: BridgeRequest, chain: HttpHandler): Promise<Response> {
  // Installed right before the call: api-fetch captures the handler synchronously when the
  // call starts, so another library swapping the global handler later cannot affect this call.
  apiFetch.setFetchHandler(dispatchToSiteChain);
  const options: BridgedOptions = {
    method: request.method,
    url: request.url,
    headers: request.headers,
    parse: false,
    sitedeskHandler: chain,
    sitedeskIdempotent: request.idempotent,
    ...(request.data !== undefined ? { data: request.data } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
  };
  return apiFetch<Response, false>(options);
}

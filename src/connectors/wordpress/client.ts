/**
 * The thin client of the WordPress REST API (`wp/v2`): builds route URLs in the site's style
 * (`/wp-json/…`, or `/?rest_route=…` under plain permalinks), sends them through api-fetch
 * into this site's own HTTP chain (retry → timeout → fetch), and turns answers into data or
 * RemoteErrors that carry method, URL, status and WordPress's error code.
 */
import type { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import { RemoteError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { createFetchHandler } from '../http/fetch-handler.js';
import { createRetryMiddleware, isRetryableStatus, parseRetryAfter } from '../http/retry.js';
import { remoteCodeForStatus } from '../http/status.js';
import { createTimeoutMiddleware } from '../http/timeout.js';
import { composeHttp, type FetchLike, type HttpHandler } from '../http/types.js';
import { sendThroughApiFetch } from './api-fetch-bridge.js';
import { discoverRestRoot, type RestRoot, type RestStyle } from './discovery.js';
import { wpErrorSchema } from './schemas.js';

/** How the client reaches one site. */
export interface WordPressClientConfig {
  baseUrl: string;
  restStyle: RestStyle | 'auto';
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** `Basic …` for the site's user; read lazily (the secret store is async). */
  authorization: () => Promise<string>;
}

/** What the client is given: no globals. */
export interface WordPressClientDeps {
  fetch?: FetchLike | undefined;
  clock: Clock;
  logger: Logger;
  random?: (() => number) | undefined;
}

type Query = Record<string, string | number | undefined>;

/** One call: a REST route such as `/wp/v2/posts`, with query and body. */
export interface WpCall {
  method?: 'GET' | 'POST' | 'DELETE';
  route: string;
  query?: Query;
  /** JSON body. */
  data?: unknown;
  /** Raw body (media upload) with its headers. */
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Overrides the method's default (see HttpRequest.idempotent); updates by id are. */
  idempotent?: boolean;
  /** Send the Authorization header; default true. */
  auth?: boolean;
}

/** A parsed answer with its headers (for `X-WP-TotalPages`). */
export interface WpAnswer<T> {
  data: T;
  headers: Headers;
}

/** The client of one WordPress site. */
export interface WordPressClient {
  /** The site's REST root, found once and then remembered (`fresh`: look again now). */
  root(fresh?: boolean): Promise<RestRoot>;
  /** Sends a call; resolves with the validated body of a 2xx answer, else throws a RemoteError. */
  call<T>(call: WpCall, schema: z.ZodType<T>): Promise<WpAnswer<T>>;
  /** Sends a call and resolves with any HTTP answer (for diagnosis); throws only on transport failure. */
  send(call: WpCall): Promise<{ response: Response; url: string }>;
  /** Every item of a collection route, 100 a page, fetched page by page as iterated. */
  paginate<T>(route: string, query: Query, schema: z.ZodType<T>): AsyncGenerator<T>;
  /** Sends a GET to an absolute URL of the site through the same chain (diagnosis). */
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  /** The same chain, for requests outside the REST API (XML-RPC probe of verify). */
  readonly http: HttpHandler;
}

/** Creates the client of one site. */
export function createWordPressClient(
  config: WordPressClientConfig,
  deps: WordPressClientDeps,
): WordPressClient {
  const http = composeHttp(
    [
      createRetryMiddleware({
        clock: deps.clock,
        retries: config.retries,
        baseDelayMs: config.retryBaseDelayMs,
        maxDelayMs: config.retryMaxDelayMs,
        random: deps.random,
        onRetry: ({ request, attempt, delayMs, reason }) =>
          deps.logger.warn(
            { method: request.method, url: request.url, attempt, delayMs, reason },
            'wordpress: retrying',
          ),
      }),
      createTimeoutMiddleware({ timeoutMs: config.timeoutMs }),
    ],
    createFetchHandler(deps.fetch),
  );
  let rootPromise: Promise<RestRoot> | undefined;

  const root = (fresh = false): Promise<RestRoot> => {
    if (fresh) rootPromise = undefined;
    rootPromise ??= discoverRestRoot(config.baseUrl, config.restStyle, (url) => get(url)).catch(
      (error: unknown) => {
        rootPromise = undefined; // a failed discovery is tried again next time
        throw error;
      },
    );
    return rootPromise;
  };

  const get = async (url: string, headers: Record<string, string> = {}): Promise<Response> =>
    sendThroughApiFetch(
      { method: 'GET', url, headers: { ...headers, Authorization: await config.authorization() } },
      http,
    );

  const send = async (
    call: WpCall,
    rediscovered = false,
  ): Promise<{ response: Response; url: string }> => {
    const found = await root(false);
    const url = found.url(call.route, call.query ?? {});
    const headers: Record<string, string> = { ...call.headers };
    if (call.auth !== false) headers.Authorization = await config.authorization();
    const response = await sendThroughApiFetch(
      {
        method: call.method ?? 'GET',
        url,
        headers,
        data: call.data,
        body: call.body,
        idempotent: call.idempotent,
      },
      http,
    );
    // The site switched permalinks since we looked (a web-server 404, not WordPress JSON):
    // find the REST root again, once.
    const json = (response.headers.get('content-type') ?? '').includes('json');
    if (response.status === 404 && !json && config.restStyle === 'auto' && !rediscovered) {
      await response.body?.cancel();
      rootPromise = undefined;
      return send(call, true);
    }
    return { response, url };
  };

  const call = async <T>(wpCall: WpCall, schema: z.ZodType<T>): Promise<WpAnswer<T>> => {
    const method = wpCall.method ?? 'GET';
    const { response, url } = await send(wpCall);
    const text = await response.text();
    if (!response.ok) throw errorFromAnswer(method, url, response, text, deps.clock.now());
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new RemoteError(
        'remote_bad_response',
        { method, url, status: response.status },
        `the answer is not what WordPress sends (${parsed.error.issues[0]?.message ?? 'unreadable'}); is this really the WordPress REST API?`,
      );
    }
    return { data: parsed.data, headers: response.headers };
  };

  async function* paginate<T>(
    route: string,
    query: Query,
    schema: z.ZodType<T>,
  ): AsyncGenerator<T> {
    const list = schema.array();
    for (let page = 1; ; page += 1) {
      const { data, headers } = await call(
        { route, query: { ...query, per_page: 100, page } },
        list,
      );
      yield* data;
      const totalPages = Number(headers.get('x-wp-totalpages') ?? '1');
      if (page >= totalPages || data.length === 0) return;
    }
  }

  return {
    root: (fresh) => root(fresh),
    call,
    send: (wpCall) => send(wpCall),
    paginate,
    get,
    http,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Refusals WordPress answers with a 500 (a WP_Error without a status: term and upload checks in
 * wp_insert_term and wp_handle_sideload). They fail the same way every time, so they are not
 * retried — a tag of markup only (`500 empty_term_name`) was retried for 23 s (issue 16).
 * `db_insert_error` stays retryable: a database can come back.
 */
const REFUSED_WITH_500 = new Set([
  'empty_term_name',
  'invalid_taxonomy',
  'invalid_term_id',
  'missing_parent',
  'rest_upload_sideload_error',
]);

/**
 * The one upload refusal that passes: WordPress makes the year/month folder on a month's first
 * upload, and two uploads doing that at once race in wp_mkdir_p (file_exists, then mkdir) — the
 * loser answers `rest_upload_sideload_error` "Unable to create directory …/2026/12". The message
 * is translated, but the folder it names is not; by the next try the folder is there. (A folder
 * that truly cannot be made fails the same way after the retries.)
 */
function isMonthFolderRace(remoteCode: string | undefined, message: string): boolean {
  return remoteCode === 'rest_upload_sideload_error' && /\/\d{4}\/\d{2}\b/.test(message);
}

/** A RemoteError from a non-2xx answer; WordPress's `code` and `message` when it sent them. */
export function errorFromAnswer(
  method: string,
  url: string,
  response: Response,
  text: string,
  nowMs: number,
): RemoteError {
  const body = wpErrorSchema.safeParse(parseJson(text));
  const remoteCode = body.success ? body.data.code : undefined;
  const message =
    body.success && body.data.message
      ? stripTags(body.data.message)
      : `HTTP ${response.status} ${response.statusText}`.trim();
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  return new RemoteError(
    remoteCodeForStatus(response.status),
    { method, url, status: response.status, remoteCode },
    message,
    {
      retryable:
        isRetryableStatus(response.status) &&
        (!(remoteCode !== undefined && REFUSED_WITH_500.has(remoteCode)) ||
          isMonthFolderRace(remoteCode, message)),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  );
}

/** WordPress messages contain markup such as `<strong>Error:</strong>`. */
function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, '').trim();
}

/**
 * Finding a site's REST API root. With pretty permalinks it is `/wp-json/`; with plain
 * permalinks that path is a 404 and the API answers at `/?rest_route=/` instead, which works
 * on every WordPress (https://developer.wordpress.org/rest-api/key-concepts/#routes-endpoints).
 * `auto` tries the first, then the second, and remembers which answered.
 */
import { RemoteError } from '../../shared/errors.js';
import { wpErrorSchema, wpIndexSchema, type WpIndex } from './schemas.js';

/** How REST URLs are written on a site. */
export type RestStyle = 'pretty' | 'query';

/** A found REST root. */
export interface RestRoot {
  style: RestStyle;
  /** The index (namespaces, authentication methods); absent when the index needs a login. */
  index: WpIndex | undefined;
  /** When the index itself refused us: its status and WordPress error code. */
  locked: { status: number; code: string } | undefined;
  /** The absolute URL of a route such as `/wp/v2/posts`, with its query. */
  url(route: string, query?: Record<string, string | number | undefined>): string;
}

/** One URL tried during discovery and what it answered. */
export interface DiscoveryAttempt {
  url: string;
  status: number;
  contentType: string;
}

/** No REST API answered at either address; `attempts` say what did. */
export class RestDiscoveryError extends RemoteError {
  readonly attempts: readonly DiscoveryAttempt[];

  constructor(attempts: DiscoveryAttempt[]) {
    const first = attempts[0];
    super(
      'wordpress_rest_unavailable',
      { method: 'GET', url: first?.url ?? '', status: first?.status },
      `no WordPress REST API answered (${attempts.map((a) => `${a.url} → ${a.status} ${a.contentType || 'no content type'}`).join('; ')})`,
    );
    this.attempts = attempts;
  }
}

const INDEX_FIELDS = 'name,namespaces,authentication';

/** Builds the URL of `route` in `style` under `baseUrl` (no trailing slash). */
export function restUrl(
  baseUrl: string,
  style: RestStyle,
  route: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  if (style === 'query') params.set('rest_route', route);
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) params.set(key, String(value));
  const search = params.toString();
  const path = style === 'pretty' ? `${baseUrl}/wp-json${route}` : `${baseUrl}/`;
  return search ? `${path}?${search}` : path;
}

/**
 * Finds the REST root of `baseUrl` using `get` (the site's HTTP chain). Throws a
 * RestDiscoveryError when neither style answers like WordPress; transport errors pass through.
 */
export async function discoverRestRoot(
  baseUrl: string,
  style: RestStyle | 'auto',
  get: (url: string) => Promise<Response>,
): Promise<RestRoot> {
  const styles: RestStyle[] = style === 'auto' ? ['pretty', 'query'] : [style];
  const attempts: DiscoveryAttempt[] = [];
  for (const candidate of styles) {
    const url = restUrl(baseUrl, candidate, '/', { _fields: INDEX_FIELDS });
    const response = await get(url);
    const text = await response.text();
    const json = parseJson(text);
    const make = (index: WpIndex | undefined, locked: RestRoot['locked']): RestRoot => ({
      style: candidate,
      index,
      locked,
      url: (route, query) => restUrl(baseUrl, candidate, route, query),
    });
    const index = wpIndexSchema.safeParse(json);
    if (response.ok && index.success) return make(index.data, undefined);
    // A REST API that wants a login for its index still is one (`rest_not_logged_in` & co).
    const error = wpErrorSchema.safeParse(json);
    if (
      (response.status === 401 || response.status === 403) &&
      error.success &&
      error.data.code.startsWith('rest_')
    ) {
      return make(undefined, { status: response.status, code: error.data.code });
    }
    attempts.push({
      url,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
    });
  }
  throw new RestDiscoveryError(attempts);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

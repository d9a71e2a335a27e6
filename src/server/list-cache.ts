/** Serialized answers of list queries, shared by all agency callers asking the same thing. */
export interface ListCache {
  /**
   * The JSON (UTF-8) of `key` at the database's current version: reused for as long as nothing
   * in the database changed, else `produce()`'s (concurrent misses of one key share one call).
   */
  get(key: string, produce: () => Promise<unknown>): Promise<Buffer>;
  /**
   * What get() would answer without reading: the kept (or being read) JSON of `key` while the
   * database has not changed, else undefined — nothing is started. For the task-list fast lane,
   * which leaves the reads to the express route.
   */
  peek(key: string): Promise<Buffer> | undefined;
}

/**
 * A cache of task-list pages that is never stale: entries are kept under the database's change
 * token (`version`, see TaskService.dataVersion), which moves with every commit of any process
 * and every change on the server's own connection, and the whole cache is dropped the moment
 * it moves. No time limit is needed, and none is used. When `version` gives no token (inside
 * a transaction, or a database without one) nothing is cached. At most `max` entries (default
 * 500) are kept; beyond that the cache starts over.
 *
 * Why: a busy office polls the same first page over and over, and between two changes every
 * one of those answers is the same bytes (see bench:api for the figures).
 */
export function createListCache(
  version: () => string | undefined,
  options: { max?: number } = {},
): ListCache {
  const max = options.max ?? 500;
  let at: string | undefined;
  let entries = new Map<string, Promise<Buffer>>();
  const serialize = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
  /** Takes the token; drops every entry when it moved. False when there is no token. */
  const current = (): boolean => {
    const now = version();
    if (now === undefined) return false;
    if (now !== at) {
      at = now;
      entries = new Map();
    }
    return true;
  };
  return {
    get(key, produce) {
      // Taken before the read: the page then holds data at least as new as the token, so a
      // change committing during the read only makes the next request miss.
      if (!current()) return produce().then(serialize);
      const hit = entries.get(key);
      if (hit) return hit;
      if (entries.size >= max) entries = new Map();
      const body = produce().then(serialize);
      const kept = entries;
      kept.set(key, body);
      body.catch(() => {
        if (kept.get(key) === body) kept.delete(key);
      });
      return body;
    },
    peek(key) {
      // Every entry in the map was read after its token was taken (the map is replaced when
      // the token moves), so it is exactly what get() would answer now.
      return current() ? entries.get(key) : undefined;
    },
  };
}

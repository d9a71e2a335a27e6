import type { Clock } from '../shared/clock.js';
import type { TaskEvents } from '../tasks/index.js';

/** Serialized answers of list queries, shared by all agency callers asking the same thing. */
export interface ListCache {
  /** The cached JSON for `key`, or `produce()`'s (one call at a time per key). */
  get(key: string, produce: () => Promise<unknown>): Promise<string>;
  /** Stops listening to task events. */
  close(): void;
}

/**
 * A micro-cache for the task list: a busy office polls the same first page over and over.
 * Every task or publication change in this process empties it at once (the events arrive
 * right after the commit), and an entry lives at most `ttlMs` (default 1 s), which bounds how
 * stale a page can be after a change made by another process (`sitedesk task add` run
 * beside the server). Concurrent misses for one key share one query; at most `max` entries.
 */
export function createListCache(
  events: TaskEvents,
  clock: Pick<Clock, 'now'>,
  options: { ttlMs?: number; max?: number } = {},
): ListCache {
  const ttlMs = options.ttlMs ?? 1000;
  const max = options.max ?? 500;
  let entries = new Map<string, { until: number; body: Promise<string> }>();
  const stop = events.on(() => {
    entries = new Map();
  });
  return {
    get(key, produce) {
      const now = clock.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.body;
      if (entries.size >= max) entries = new Map();
      const body = produce().then((value) => JSON.stringify(value));
      const entry = { until: now + ttlMs, body };
      // A change committing while the query runs replaces the whole map, so this entry (which
      // may miss that change) is never served to anyone who asks after it.
      entries.set(key, entry);
      body.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return body;
    },
    close: stop,
  };
}

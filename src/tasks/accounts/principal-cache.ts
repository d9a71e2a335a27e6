import type { Clock } from '../../shared/clock.js';

/** A small cache of "token → who" lookups; any revocation clears it whole. */
export interface PrincipalCache {
  /** The cached answer for `token`, or the lookup's (kept for `ttlMs`). */
  get<T>(token: string, lookup: () => Promise<T>): Promise<T>;
  clear(): void;
}

/**
 * Every API request authenticates, and under load the token lookups are a fifth of the work.
 * Answers are kept for `ttlMs` (default 5 s) and at most `max` tokens; revoking anything in
 * this process clears the cache at once, so a revoked token stops at the next request. (Another
 * process sharing the database would see a revocation within `ttlMs`.)
 */
export function createPrincipalCache(
  clock: Pick<Clock, 'now'>,
  ttlMs = 5000,
  max = 10_000,
): PrincipalCache {
  let entries = new Map<string, { until: number; value: Promise<unknown> }>();
  return {
    get<T>(token: string, lookup: () => Promise<T>): Promise<T> {
      const now = clock.now();
      const hit = entries.get(token);
      if (hit && hit.until > now) return hit.value as Promise<T>;
      if (entries.size >= max) entries = new Map();
      const value = lookup();
      entries.set(token, { until: now + ttlMs, value });
      value.catch(() => entries.delete(token));
      return value;
    },
    clear() {
      entries = new Map();
    },
  };
}

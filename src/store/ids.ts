import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock.js';

// Crockford base32, as ULID specifies (https://github.com/ulid/spec).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Makes ids: 26-character ULIDs, sortable by creation time, monotonic within one generator. */
export type IdGenerator = () => string;

/**
 * A monotonic ULID generator on `clock`. Ids made in the same millisecond increase by one in
 * their random part, so `ORDER BY id` is creation order even for bulk inserts (keyset paging
 * relies on it). Text ids run unchanged on SQLite and PostgreSQL.
 */
export function createIdGenerator(clock: Pick<Clock, 'now'>): IdGenerator {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return () => {
    const now = Math.max(clock.now(), lastTime);
    if (now === lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = now;
      lastRandom = [...randomBytes(16)].map((byte) => byte % 32);
    }
    return encodeTime(now) + lastRandom.map((digit) => ALPHABET[digit]).join('');
  };
}

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  // 80 random bits overflowed within one millisecond: practically impossible; restart randomly.
  return [...randomBytes(16)].map((byte) => byte % 32);
}

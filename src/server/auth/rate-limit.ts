import type { Clock } from '../../shared/clock.js';
import { HttpError } from '../http-errors.js';

/**
 * Limits of failed logins within `windowMs`: `maxFailures` per user name, four times as many
 * per address (an office behind one NAT, or a proxy without `trust proxy`, shares an address).
 */
export interface LoginLimitConfig {
  /** Failures allowed per window before 429; default 5. */
  maxFailures?: number;
  /** Window length in ms; default 15 minutes. */
  windowMs?: number;
}

/** Counts failed logins per IP and per user name (in memory, or in the database: shared-rate-limit.ts). */
export interface LoginLimiter {
  /** Throws (or rejects with) a 429 with Retry-After when any key is over its limit. */
  check(keys: string[]): void | Promise<void>;
  failed(keys: string[]): void | Promise<void>;
  succeeded(keys: string[]): void | Promise<void>;
}

/** The refusal when a key is over its limit: 429 with Retry-After in seconds. */
export function tooManyAttempts(resetAt: number, now: number): HttpError {
  const seconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
  return new HttpError(
    429,
    'too_many_attempts',
    `Too many failed logins; try again in ${seconds} seconds.`,
    { headers: { 'Retry-After': String(seconds) } },
  );
}

/** How many failures `key` may have per window: four times as many for an address. */
export function limitOf(key: string, maxFailures: number): number {
  return key.startsWith('ip:') ? 4 * maxFailures : maxFailures;
}

const MAX_KEYS = 10_000;

/** Creates a login limiter on `clock`. */
export function createLoginLimiter(
  config: LoginLimitConfig,
  clock: Pick<Clock, 'now'>,
): LoginLimiter {
  const maxFailures = config.maxFailures ?? 5;
  const windowMs = config.windowMs ?? 15 * 60_000;
  const failures = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string) => {
    const entry = failures.get(key);
    if (entry && entry.resetAt <= clock.now()) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    check(keys) {
      for (const key of keys) {
        const entry = live(key);
        if (entry && entry.count >= limitOf(key, maxFailures))
          throw tooManyAttempts(entry.resetAt, clock.now());
      }
    },
    failed(keys) {
      // An attacker with many IPs must not grow the map without end: forget the oldest.
      if (failures.size > MAX_KEYS)
        for (const key of [...failures.keys()].slice(0, MAX_KEYS / 10)) failures.delete(key);
      for (const key of keys) {
        const entry = live(key) ?? { count: 0, resetAt: clock.now() + windowMs };
        entry.count += 1;
        failures.set(key, entry);
      }
    },
    succeeded(keys) {
      for (const key of keys) failures.delete(key);
    },
  };
}

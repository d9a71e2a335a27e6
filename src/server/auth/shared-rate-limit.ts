import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { Database } from '../../store/index.js';
import {
  limitOf,
  tooManyAttempts,
  type LoginLimitConfig,
  type LoginLimiter,
} from './rate-limit.js';

/**
 * The login limiter in the database (table `login_failures`, migration 0019): on PostgreSQL
 * every instance behind a load balancer counts the same failures (issue 22), so spreading
 * guesses over instances gains nothing. Same limits as the in-memory one.
 */
export function createSharedLoginLimiter(
  config: LoginLimitConfig,
  clock: Pick<Clock, 'now'>,
  db: Kysely<Database>,
): LoginLimiter {
  const maxFailures = config.maxFailures ?? 5;
  const windowMs = config.windowMs ?? 15 * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    async check(keys) {
      const now = clock.now();
      const rows = await db
        .selectFrom('login_failures')
        .select(['key', 'count', 'reset_at'])
        .where('key', 'in', keys)
        .where('reset_at', '>', iso(now))
        .execute();
      for (const row of rows)
        if (Number(row.count) >= limitOf(row.key, maxFailures))
          throw tooManyAttempts(Date.parse(row.reset_at), now);
    },
    async failed(keys) {
      const now = iso(clock.now());
      const resetAt = iso(clock.now() + windowMs);
      // Windows that ended are gone: the table holds only keys failing now.
      await db.deleteFrom('login_failures').where('reset_at', '<=', now).execute();
      for (const key of keys)
        await db
          .insertInto('login_failures')
          .values({ key, count: 1, reset_at: resetAt })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              count: sql<number>`login_failures.count + 1`,
            }),
          )
          .execute();
    },
    async succeeded(keys) {
      await db.deleteFrom('login_failures').where('key', 'in', keys).execute();
    },
  };
}

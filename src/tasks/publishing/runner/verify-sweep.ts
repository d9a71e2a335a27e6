import { backoffDelay, type BackoffOptions } from '../../../shared/backoff.js';
import { inTransaction, type ServiceDeps } from '../../context.js';
import type { LiveCheck } from './live-check.js';
import { changePublication, loadPublication } from './outbox.js';

/** Live pages fetched at the same time by one sweep. */
const CHECKS_AT_ONCE = 4;
/** Pages checked per sweep; when more were due, the next sweep follows at once. */
export const SWEEP_LIMIT = 100;

/** Settings of live-page verification. */
export interface VerifyConfig {
  /** Checks before giving up; default 8 (about an hour with the default delays). */
  maxChecks?: number;
  /** Wait after the first failed check, in ms, doubling; default 30,000, at most 15 minutes. */
  firstDelayMs?: number;
}

/** Checks published pages on the live site until each is seen (or given up). */
export interface VerifySweep {
  /** Checks the pages that are due (at most SWEEP_LIMIT); answers how many it checked. */
  sweep(): Promise<number>;
  /** When the next check is due (epoch ms), or undefined. */
  nextAt(): Promise<number | undefined>;
}

/**
 * After a publish, the live URL is fetched and the publication marked verified. A page that
 * is not there yet (a static site still building) is checked again later with growing waits;
 * meanwhile and after giving up, `last_error` says what was not found, while the state stays
 * `published` — the site accepted the post, only its public page is in doubt.
 */
export function createVerifySweep(
  config: VerifyConfig,
  deps: ServiceDeps & { checkLive: LiveCheck },
): VerifySweep {
  const maxChecks = config.maxChecks ?? 8;
  // No jitter: a static site's build takes what it takes, whoever else is waiting.
  const waits: BackoffOptions = {
    baseMs: config.firstDelayMs ?? 30_000,
    capMs: 15 * 60_000,
    jitter: 'none',
  };
  const actor = { actor: 'runner' };
  return {
    async sweep() {
      const rows = await deps.db
        .selectFrom('publications as p')
        .innerJoin('content_items as ci', 'ci.id', 'p.content_item_id')
        .selectAll('p')
        .select('ci.title')
        .where('p.state', '=', 'published')
        .where('p.url', 'is not', null)
        .where('p.next_verify_at', '<=', new Date(deps.clock.now()).toISOString())
        .orderBy('p.next_verify_at')
        .limit(SWEEP_LIMIT)
        .execute();
      const checkOne = async (row: (typeof rows)[number]): Promise<void> => {
        if (!row.url) return;
        const result = await deps.checkLive(row.url, row.title);
        await inTransaction(deps, actor, async (unit) => {
          const current = await loadPublication(unit, row.id);
          const checks = current.verify_attempts + 1;
          const change = result.ok
            ? {
                verified_at: unit.at,
                next_verify_at: null,
                verify_attempts: checks,
                last_error: null,
              }
            : {
                verify_attempts: checks,
                next_verify_at:
                  checks >= maxChecks
                    ? null
                    : new Date(deps.clock.now() + backoffDelay(checks, waits)).toISOString(),
                last_error:
                  checks >= maxChecks
                    ? `Published, but the live page was not confirmed after ${checks} checks: ${result.detail}`
                    : `Published; live page not confirmed yet: ${result.detail}`,
              };
          await changePublication(
            deps,
            unit,
            current,
            ['published'],
            change,
            result.ok ? 'verified' : 'verify_failed',
          );
        });
      };
      // A few pages at once: each check may wait up to its timeout on a slow site.
      // A failing row (the database, not the page) stops that worker only after the others
      // have finished theirs: the sweep ends when every check it started has ended.
      const queue = [...rows];
      const worker = async (): Promise<void> => {
        for (let row = queue.shift(); row; row = queue.shift()) await checkOne(row);
      };
      const results = await Promise.allSettled(
        Array.from({ length: Math.min(CHECKS_AT_ONCE, rows.length) }, worker),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      return rows.length;
    },
    async nextAt() {
      const next = await deps.db
        .selectFrom('publications')
        .select('next_verify_at')
        .where('state', '=', 'published')
        .where('url', 'is not', null)
        .where('next_verify_at', 'is not', null)
        .orderBy('next_verify_at')
        .limit(1)
        .executeTakeFirst();
      return next?.next_verify_at ? Date.parse(next.next_verify_at) : undefined;
    },
  };
}

import type { Connector } from '../../../connectors/types.js';
import { messageOf } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { inTransaction, type ServiceDeps } from '../../context.js';
import { siteFromRow } from '../../rows.js';
import type { PublicationState, Site } from '../../types.js';
import { changePublication, loadPublication } from './outbox.js';

/** What the promotion sweep shares with the runner. */
export interface PromotionDeps extends ServiceDeps {
  logger: Logger;
  connectorFor: (site: Site) => Connector | Promise<Connector>;
  /** Sites the runner is working on; the sweep leaves them alone for now (one at a time per site). */
  busySites: Set<string>;
  /** Wait before trying again to take down an ended item, in ms. */
  retryDelayMs: number;
}

/** Starts and ends of promotions: what the runner does at `startsAt` and `endsAt`. */
export interface PromotionSweep {
  /** Handles every start and end that has come. */
  sweep(): Promise<void>;
  /** When the next start or end comes (epoch ms), or undefined. */
  nextAt(): Promise<number | undefined>;
}

/**
 * At `startsAt`, a publication held back as `scheduled` goes back to `pending` and the runner
 * publishes it now, on every kind of site. A site's own scheduler is not trusted (issue 23:
 * WP-Cron runs only when someone visits, "missed schedule" is a common host fault): the
 * idempotent publish finds the post, takes it live if the site has not, and the row becomes
 * `published` only when the site's answer says so (job.ts stateOnSite). On a git site in
 * `hold` mode this is the commit that publishes it. At `endsAt`
 * the item is taken off the site (`unpublish`: draft, or whatever the site's settings say)
 * and the row becomes `unpublished`; a failure is recorded and retried later.
 */
export function createPromotionSweep(deps: PromotionDeps): PromotionSweep {
  const actor = { actor: 'runner' };
  const withItems = () =>
    deps.db
      .selectFrom('publications as p')
      .innerJoin('content_items as ci', 'ci.id', 'p.content_item_id')
      .selectAll('p')
      .select(['ci.starts_at', 'ci.ends_at', 'ci.kind as item_kind']);

  async function connectorOf(siteId: string): Promise<Connector> {
    const row = await deps.db
      .selectFrom('sites')
      .selectAll()
      .where('id', '=', siteId)
      .executeTakeFirstOrThrow();
    return deps.connectorFor(siteFromRow(row));
  }

  async function starts(now: string): Promise<void> {
    const rows = await withItems()
      .where('p.state', '=', 'scheduled')
      .where('ci.starts_at', '<=', now)
      .execute();
    for (const row of rows) {
      if (deps.busySites.has(row.site_id)) continue;
      await inTransaction(deps, actor, async (unit) => {
        const current = await loadPublication(unit, row.id);
        await changePublication(
          deps,
          unit,
          current,
          ['scheduled'],
          { state: 'pending', next_attempt_at: unit.at },
          'start_reached',
        );
      });
    }
  }

  async function ends(now: string): Promise<void> {
    const rows = await withItems()
      .where('p.state', 'in', ['published', 'scheduled'])
      .where('ci.ends_at', '<=', now)
      .where('p.remote_id', 'is not', null)
      .where((eb) =>
        eb.or([eb('p.next_attempt_at', 'is', null), eb('p.next_attempt_at', '<=', now)]),
      )
      .execute();
    for (const row of rows) {
      if (deps.busySites.has(row.site_id)) continue;
      deps.busySites.add(row.site_id);
      const state = row.state as PublicationState;
      try {
        await (
          await connectorOf(row.site_id)
        ).unpublish({
          remoteId: row.remote_id as string,
          kind: row.item_kind === 'page' ? 'page' : 'post',
        });
        await inTransaction(deps, actor, async (unit) => {
          const current = await loadPublication(unit, row.id);
          await changePublication(
            deps,
            unit,
            current,
            [state],
            { state: 'unpublished', last_error: null, next_attempt_at: null },
            'ended',
          );
        });
      } catch (error) {
        const retryAt = new Date(deps.clock.now() + deps.retryDelayMs).toISOString();
        deps.logger.warn(
          { publicationId: row.id, reason: messageOf(error) },
          'taking down an ended item failed',
        );
        await inTransaction(deps, actor, async (unit) => {
          const current = await loadPublication(unit, row.id);
          const change = {
            last_error: `Taking down failed: ${messageOf(error)}`,
            next_attempt_at: retryAt,
          };
          await changePublication(deps, unit, current, [state], change, 'end_failed');
        });
      } finally {
        deps.busySites.delete(row.site_id);
      }
    }
  }

  return {
    async sweep() {
      const now = new Date(deps.clock.now()).toISOString();
      await starts(now);
      await ends(now);
    },
    async nextAt() {
      const now = new Date(deps.clock.now()).toISOString();
      const start = await withItems()
        .where('p.state', '=', 'scheduled')
        .where('ci.starts_at', '>', now)
        .orderBy('ci.starts_at')
        .limit(1)
        .executeTakeFirst();
      const end = await withItems()
        .where('p.state', 'in', ['published', 'scheduled'])
        .where('ci.ends_at', 'is not', null)
        .where('p.remote_id', 'is not', null)
        .orderBy('ci.ends_at')
        .limit(1)
        .executeTakeFirst();
      const retry =
        end?.next_attempt_at && end.next_attempt_at > (end.ends_at ?? '')
          ? end.next_attempt_at
          : end?.ends_at;
      const times = [start?.starts_at, retry]
        .filter((t): t is string => typeof t === 'string')
        .map(Date.parse);
      // A time already past belongs to a site that is busy right now: look again in a second
      // rather than spinning (the runner's poll bounds any imprecision here).
      return times.length ? Math.max(Math.min(...times), deps.clock.now() + 1000) : undefined;
    },
  };
}

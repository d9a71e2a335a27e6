import { publishCauseOf, withCause } from '../../../connectors/publish-causes.js';
import type { Connector } from '../../../connectors/types.js';
import { RemoteError, messageOf } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { getContentItem } from '../../content-items/items.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../../context.js';
import { editConflictOf, mergeInputs, saveConflict, saveRendered } from '../conflicts.js';
import { publicationFromRow, siteFromRow } from '../../rows.js';
import type { Publication, Site } from '../../types.js';
import type { Selectable } from 'kysely';
import type { PublicationsTable } from '../../../store/index.js';
import { backoffDelay, type BackoffOptions } from '../../../shared/backoff.js';
import {
  loadMediaFromDisk,
  publishOptionsFor,
  stateOnSite,
  toConnectorItem,
  type MediaLoader,
} from './job.js';
import { assertNotInFlight, changePublication, leaseExpired, loadPublication } from './outbox.js';
import {
  DEFAULT_LEASE_MS,
  keepLease,
  nextLeaseEnd,
  newOwnerId,
  takeOverStalled,
} from './leases.js';
import type { LiveCheck } from './live-check.js';
import { createPromotionSweep } from './promotions.js';
import { askForLost, deliverOne, type PublicationDelivery } from './queue-mode.js';
import { fillRegions } from './region-job.js';
import { createVerifySweep, SWEEP_LIMIT, type VerifyConfig } from './verify-sweep.js';

// Kept beside the queue-mode code that uses it (it imports nothing of this file); named here for callers.
export type { PublicationDelivery };

/** Settings of the runner; every one has a default. */
export interface RunnerConfig {
  /** Publications worked on at once, across all sites; default 8. Each site still gets one at a time. */
  concurrency?: number;
  /** Attempts per publication before it is `failed`; default 6. */
  maxAttempts?: number;
  /** First retry delay bound, in ms; default 2,000 (doubles per attempt, with jitter). */
  baseDelayMs?: number;
  /** Longest retry delay, in ms; default 15 minutes. */
  maxDelayMs?: number;
  /** Longest sleep between looks at the outbox, in ms; default 5,000. */
  pollMs?: number;
  /** Live-page verification (when `checkLive` is given). */
  verify?: VerifyConfig;
  /** How long a publication's lease lasts unless renewed, in ms; default 30,000. */
  leaseMs?: number;
  /** This runner's name as owner of its work; default `host:pid:random`. */
  owner?: string;
}

/** What the runner is given: the service internals, a connector per site, a logger. */
export interface RunnerDeps extends ServiceDeps {
  logger: Logger;
  /** The connector of a site (the caller builds it from the site's kind, settings and secret). */
  connectorFor: (site: Site) => Connector | Promise<Connector>;
  loadMedia?: MediaLoader;
  /** Source of jitter; default Math.random. */
  random?: () => number;
  /** Checks a published page on the live site (createLiveCheck); without it, nothing is verified. */
  checkLive?: LiveCheck;
  /**
   * A job queue that delivers publications (PostgreSQL, src/tasks/queue): the runner then
   * starts a publication only when the queue hands it over (deliver), never by reading the
   * outbox for due rows; it still takes over expired leases and asks for what the queue lost.
   */
  delivery?: PublicationDelivery;
}

/** The publishing worker over the outbox (publications table). */
export interface Runner {
  /** Resumes in-flight work, then publishes until `signal` aborts; waits for running jobs before it returns. */
  run(signal: AbortSignal): Promise<void>;
  /** Starts every job that is due now and waits for all running jobs (tests and `sitedesk publish`). */
  runDue(): Promise<void>;
  /** Cancels a publication that is not being published right now. */
  cancel(publicationId: string, who: Actor): Promise<Publication>;
  /** Makes a failed or backing-off publication due now (with fresh attempts). */
  retryNow(publicationId: string, who: Actor): Promise<Publication>;
  /**
   * Publishes one publication the job queue delivered, if it is still due and not held by a
   * live lease; resolves when its attempt is recorded. A delivery of something already done
   * (a second delivery, an earlier time asked for) does nothing.
   */
  deliver(publicationId: string): Promise<void>;
}

/**
 * Creates the runner. Several runners (processes) may share one database: each owns the
 * publications it started by lease and takes over those whose owner is gone (leases.ts).
 */
export function createRunner(config: RunnerConfig, deps: RunnerDeps): Runner {
  const concurrency = config.concurrency ?? 8;
  const delivery = deps.delivery;
  const self = config.owner ?? newOwnerId();
  const leaseMs = config.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseFrom = (at: number) => new Date(at + leaseMs).toISOString();
  const maxAttempts = config.maxAttempts ?? 6;
  // Full jitter: sites that failed together (one host down) do not retry together.
  const backoff: BackoffOptions = {
    baseMs: config.baseDelayMs ?? 2000,
    capMs: config.maxDelayMs ?? 15 * 60_000,
    jitter: 'full',
    random: deps.random ?? Math.random,
  };
  // After the last attempt of a retryable failure, the count says how often it was tried.
  const gaveUp = (attempts: number) =>
    attempts >= maxAttempts && maxAttempts > 1
      ? { attempt: attempts, max: maxAttempts }
      : undefined;
  const loadMedia = deps.loadMedia ?? loadMediaFromDisk;
  const busySites = new Set<string>();
  const running = new Set<Promise<void>>();
  // A nudge that comes while the loop is busy (not sleeping) is remembered, so the loop looks
  // again at once instead of sleeping through it.
  let wake: (() => void) | undefined;
  let nudged = false;
  // The live-page sweep in flight, if any. It runs beside the publishing, never in the loop's
  // way: a live page that answers slowly (up to the check's timeout per page) must not hold
  // back the next publication's start.
  let verifying: Promise<void> | undefined;
  // After a sweep failed (the database, not a page: pages failing is normal), the next waits
  // one poll, so a lasting fault is logged once a poll, not in a tight loop.
  let verifyRestUntil = 0;
  const nudge = (): void => {
    nudged = true;
    wake?.();
  };
  const actor = { actor: 'runner' };
  const checkLive = deps.checkLive;
  const verifier = checkLive
    ? createVerifySweep(config.verify ?? {}, { ...deps, checkLive })
    : undefined;
  const promotions = createPromotionSweep({
    ...deps,
    busySites,
    retryDelayMs: backoff.capMs / 15,
  });

  // A crash or a kill leaves rows `publishing`: once their owner's lease ran out (or its
  // process is gone) they go back to pending. The connectors' idempotent publish finds
  // whatever that attempt already put on the site, so nothing is doubled.
  async function resume(): Promise<void> {
    const taken = await takeOverStalled(deps, self, deps.clock.now(), busySites);
    if (taken) deps.logger.info({ taken }, 'took over publications whose runner is gone');
  }

  async function startDue(): Promise<void> {
    for (;;) {
      const free = concurrency - running.size;
      if (free <= 0) return;
      let query = deps.db
        .selectFrom('publications')
        .selectAll()
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', new Date(deps.clock.now()).toISOString());
      if (busySites.size) query = query.where('site_id', 'not in', [...busySites]);
      const rows = await query
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(free * 4)
        .execute();
      let started = 0;
      for (const row of rows) {
        if (running.size >= concurrency || busySites.has(row.site_id)) continue;
        if (await start(row)) started++;
      }
      if (started === 0) return;
    }
  }

  /**
   * Claims a pending row and starts its attempt; answers the running attempt (wrapped: an async
   * function would wait for a returned promise), or undefined when another runner was first.
   */
  async function start(
    row: Selectable<PublicationsTable>,
  ): Promise<{ done: Promise<void> } | undefined> {
    const claimed = await inTransaction(deps, actor, (unit) =>
      changePublication(
        deps,
        unit,
        row,
        ['pending'],
        {
          state: 'publishing',
          attempts: row.attempts + 1,
          owner: self,
          lease_until: leaseFrom(deps.clock.now()),
        },
        'attempt',
      ),
    );
    if (!claimed) return undefined;
    busySites.add(row.site_id);
    // A database failure while recording must not end the process: the lease then runs
    // out and a runner (this one too, once the attempt is over) takes the publication over.
    const job = attempt(claimed)
      .catch((error: unknown) =>
        deps.logger.error({ publicationId: row.id, reason: messageOf(error) }, 'attempt failed'),
      )
      .finally(() => {
        busySites.delete(row.site_id);
        running.delete(job);
        nudge();
      });
    running.add(job);
    return { done: job };
  }

  async function attempt(publication: Publication): Promise<void> {
    const log = deps.logger.child({
      publicationId: publication.id,
      siteId: publication.siteId,
      attempt: publication.attempts,
    });
    const stopLease = keepLease(deps, publication.id, self, leaseMs, (error) =>
      log.warn({ reason: messageOf(error) }, 'could not renew the lease'),
    );
    try {
      const siteRow = await deps.db
        .selectFrom('sites')
        .selectAll()
        .where('id', '=', publication.siteId)
        .executeTakeFirstOrThrow();
      const stored = await getContentItem(deps, publication.contentItemId);
      const connector = await deps.connectorFor(siteFromRow(siteRow));
      if (stored.kind === 'region') {
        // A region is filled on its page, never published as a post of its own (issue 23).
        await record(
          publication,
          await fillRegions(deps, connector, stored, publication),
          'updated',
        );
        log.info({ regions: stored.regionIds.length }, 'regions filled');
        return;
      }
      const item = await toConnectorItem(stored, loadMedia);
      // Git sites: the base of the merge with others' edits, and a decision on a conflict.
      const merge = await mergeInputs(deps, publication.id);
      const options = {
        ...publishOptionsFor(stored, deps.clock.now(), publication.remoteId, publication.taskId),
        ...merge,
      };
      const result = await connector.publish(item, options);
      const state = stateOnSite(result, options, siteRow.url);
      const { rendered } = result;
      await record(
        publication,
        {
          state,
          remote_id: result.remoteId,
          // Only a live page's address is handed out: before its start a Ghost post's `url` is
          // its private preview (/p/<uuid>/), which shows the offer outside its window.
          url: state === 'published' && result.url ? result.url : null,
          last_error: null,
          next_attempt_at: null,
          next_verify_at:
            verifier && result.status !== 'scheduled'
              ? new Date(deps.clock.now()).toISOString()
              : null,
          verify_attempts: 0,
        },
        result.created ? 'published' : 'updated',
        rendered === undefined ? undefined : (unit) => saveRendered(unit, publication.id, rendered),
      );
      log.info({ url: result.url, created: result.created }, 'published');
    } catch (error) {
      const retryable =
        error instanceof RemoteError && error.retryable && publication.attempts < maxAttempts;
      const message = messageOf(error);
      // The stored text carries a stable cause code the web app words in the user's language.
      const cause = publishCauseOf(error, retryable);
      if (retryable) {
        // A server's own Retry-After wins when it asks for longer (up to the cap).
        const delay = Math.max(
          backoffDelay(publication.attempts, backoff),
          Math.min(error.retryAfterMs ?? 0, backoff.capMs),
        );
        const at = new Date(deps.clock.now() + delay).toISOString();
        const retry = { attempt: publication.attempts + 1, max: maxAttempts, nextAt: at };
        await record(
          publication,
          { state: 'pending', last_error: withCause(message, cause, retry), next_attempt_at: at },
          'retry_scheduled',
        );
        log.warn({ reason: message, retryInMs: delay }, 'publish failed; will retry');
      } else {
        // Someone else's edit overlaps ours: both versions wait for the secretary's choice.
        const conflict = editConflictOf(error);
        await record(
          publication,
          {
            state: 'failed',
            last_error: withCause(message, cause, gaveUp(publication.attempts)),
            next_attempt_at: null,
          },
          'failed',
          conflict && ((unit) => saveConflict(unit, publication.id, conflict)),
        );
        log.error({ reason: message }, 'publish failed');
      }
    } finally {
      stopLease();
    }
  }

  // Each result is committed the moment it arrives, so a crash right after loses nothing.
  async function record(
    publication: Publication,
    change: Parameters<typeof changePublication>[4],
    action: string,
    also?: (unit: Unit) => Promise<void>,
  ) {
    const recorded = await inTransaction(deps, actor, async (unit) => {
      const row = await loadPublication(unit, publication.id);
      const done = await changePublication(
        deps,
        unit,
        row,
        ['publishing'],
        { ...change, owner: null, lease_until: null },
        action,
        { owner: self },
      );
      if (done && also) await also(unit);
      return done;
    });
    // Another runner took the work over (this one was too slow to renew): its attempt counts.
    if (!recorded)
      deps.logger.warn(
        { publicationId: publication.id, action },
        'lease lost; result not recorded',
      );
  }

  async function untilNextDue(): Promise<number> {
    const next = await deps.db
      .selectFrom('publications')
      .select('next_attempt_at')
      .where('state', '=', 'pending')
      .orderBy('next_attempt_at')
      .limit(1)
      .executeTakeFirst();
    const poll = config.pollMs ?? 5000;
    const times = [
      // With a queue, due publications come as jobs: the loop need not wake for them.
      next?.next_attempt_at && !delivery ? Date.parse(next.next_attempt_at) : undefined,
      await promotions.nextAt(),
      // While a sweep is out, its rows are still due: counting them would spin the loop.
      verifying ? undefined : await nextVerifyAt(),
      // Work another runner holds: look again when its lease runs out.
      await nextLeaseEnd(deps, self),
    ];
    const soonest = Math.min(...times.filter((t): t is number => t !== undefined));
    return Math.min(poll, Math.max(1, soonest - deps.clock.now()));
  }

  async function nextVerifyAt(): Promise<number | undefined> {
    const next = await verifier?.nextAt();
    return next === undefined ? undefined : Math.max(next, verifyRestUntil);
  }

  function startVerifySweep(): void {
    if (!verifier || verifying || deps.clock.now() < verifyRestUntil) return;
    verifying = verifier
      .sweep()
      .catch((error: unknown) => {
        verifyRestUntil = deps.clock.now() + (config.pollMs ?? 5000);
        deps.logger.warn({ reason: messageOf(error) }, 'live-page sweep failed; will try again');
      })
      .then((checked) => {
        // A full batch means more may be due: look again at once. Otherwise the loop's next
        // wake-up (at most one poll away) counts the next check in; nudging after every
        // sweep would spin the loop on an idle database without ever yielding to I/O.
        if (checked === SWEEP_LIMIT) nudge();
      })
      .finally(() => {
        verifying = undefined;
      });
  }

  return {
    async run(signal) {
      await resume();
      const stop = deps.events.on((event) => {
        if (event.type === 'publication.created' && !delivery) nudge();
      });
      const aborted = new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      try {
        while (!signal.aborted) {
          nudged = false;
          await resume();
          await promotions.sweep();
          startVerifySweep();
          if (delivery) await askForLost(deps, delivery);
          else await startDue();
          if (nudged) continue;
          const woken = new Promise<void>((resolve) => (wake = resolve));
          await Promise.race([deps.clock.sleep(await untilNextDue()), woken, aborted]);
        }
      } finally {
        stop();
        await Promise.allSettled([...running, verifying]);
      }
    },
    async runDue() {
      await promotions.sweep();
      await startDue();
      while (running.size) {
        await Promise.race([...running]);
        await startDue();
      }
      await verifier?.sweep();
    },
    cancel: (id, who) =>
      inTransaction(deps, who, async (unit) => {
        const row = await loadPublication(unit, id);
        const now = deps.clock.now();
        assertNotInFlight(row, 'cancel it', now);
        const stalled = leaseExpired(row, now);
        if (row.state !== 'pending' && row.state !== 'failed' && !stalled)
          return publicationFromRow(row);
        const done = await changePublication(
          deps,
          unit,
          row,
          ['pending', 'failed', ...(stalled ? ['publishing' as const] : [])],
          { state: 'cancelled', next_attempt_at: null, owner: null, lease_until: null },
          'cancelled',
          stalled ? { leaseUntil: row.lease_until } : {},
        );
        return done ?? publicationFromRow(row);
      }),
    deliver: (publicationId) => deliverOne(deps, { busySites, start, delivery }, publicationId),
    retryNow: async (id, who) => {
      const result = await inTransaction(deps, who, async (unit) => {
        const row = await loadPublication(unit, id);
        const now = deps.clock.now();
        assertNotInFlight(row, 'retry it', now);
        // A publication whose runner is gone (lease ran out) is retried like a failed one.
        const stalled = leaseExpired(row, now);
        if (row.state !== 'pending' && row.state !== 'failed' && !stalled)
          return publicationFromRow(row);
        const change = {
          state: 'pending',
          attempts: 0,
          next_attempt_at: unit.at,
          owner: null,
          lease_until: null,
        } as const;
        return (
          (await changePublication(
            deps,
            unit,
            row,
            ['pending', 'failed', ...(stalled ? ['publishing' as const] : [])],
            change,
            'retry_now',
            stalled ? { leaseUntil: row.lease_until } : {},
          )) ?? publicationFromRow(row)
        );
      });
      nudge();
      return result;
    },
  };
}

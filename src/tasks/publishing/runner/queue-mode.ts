/**
 * The runner's part when a job queue delivers publications (PostgreSQL, docs/decisions/job-queue.md):
 * every change that makes a publication due asks the queue for it (src/tasks/queue/feed.ts); this
 * asks again for what is overdue and was not started, which happens when an instance died between
 * its commit and its ask, or died holding the job. Asking twice for the same publication and
 * time is one job.
 */
import type { Selectable } from 'kysely';
import type { PublicationsTable } from '../../../store/index.js';
import type { ServiceDeps } from '../../context.js';

/** What the runner needs of a job queue: ask for a delivery of a publication at a time (ms). */
export interface PublicationDelivery {
  enqueue(publicationId: string, at: number): Promise<void>;
}

/** A due publication not started this long after its time is asked for again, in ms. */
export const LOST_AFTER_MS = 30_000;

/** A delivery that finds its site busy in this process is asked for again this much later, in ms. */
export const SITE_BUSY_RETRY_MS = 2_000;

/** Publications asked for again per pass (a backlog is the queue's to work through, not this). */
const BATCH = 100;

/** Asks the queue again for pending publications overdue by more than LOST_AFTER_MS. */
export async function askForLost(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  delivery: PublicationDelivery,
): Promise<number> {
  const before = new Date(deps.clock.now() - LOST_AFTER_MS).toISOString();
  const rows = await deps.db
    .selectFrom('publications')
    .select(['id', 'next_attempt_at'])
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', before)
    .orderBy('next_attempt_at')
    .limit(BATCH)
    .execute();
  // Asked under the time of this take-over, not the row's due time: the first ask's job may be
  // `active` under a worker that died (fetched, the row never claimed) until the queue expires
  // it (15 minutes). Instances asking within one slot share the key (one waiting job), so a row
  // overdue for long gets one more job per slot; a job whose row another took first does nothing.
  const slot = takeOverSlot(deps.clock.now());
  for (const row of rows) await delivery.enqueue(row.id, slot);
  return rows.length;
}

/** The start of the LOST_AFTER_MS-long slot holding `now`: the time lost rows are asked for. */
export function takeOverSlot(now: number): number {
  return Math.floor(now / LOST_AFTER_MS) * LOST_AFTER_MS;
}

/** What deliverOne needs of its runner. */
export interface DeliveryRunner {
  /** Sites this runner publishes to right now. */
  busySites: ReadonlySet<string>;
  /** Claims a pending row and starts its attempt (undefined: another runner was first). */
  start(row: Selectable<PublicationsTable>): Promise<{ done: Promise<void> } | undefined>;
  delivery: PublicationDelivery | undefined;
}

/**
 * Publishes one publication the queue delivered, if it is still due; resolves when its attempt
 * is recorded. Anything else — published, failed, cancelled, removed, or `publishing` under
 * another runner (which records the result, or whose lease runs out and is taken over by the
 * sweep, which asks again) — makes the delivery a no-op.
 */
export async function deliverOne(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  runner: DeliveryRunner,
  publicationId: string,
): Promise<void> {
  const row = await deps.db
    .selectFrom('publications')
    .selectAll()
    .where('id', '=', publicationId)
    .executeTakeFirst();
  const now = deps.clock.now();
  if (!row || row.state !== 'pending') return;
  // A retry asked for later than this job (an older ask): the job for that time does it.
  if (row.next_attempt_at !== null && Date.parse(row.next_attempt_at) > now + 1000) return;
  // One publish per site at a time in this process (a git site's warm clone is one folder).
  if (runner.busySites.has(row.site_id)) {
    await runner.delivery?.enqueue(row.id, now + SITE_BUSY_RETRY_MS);
    return;
  }
  const started = await runner.start(row);
  await started?.done;
}

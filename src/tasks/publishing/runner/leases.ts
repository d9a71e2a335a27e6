/**
 * Ownership of publishing work by lease (issue 17). A runner that starts a publication writes
 * itself as its `owner` with a lease (`lease_until`) and renews it while the attempt runs; any
 * runner on the same database takes over a publication whose lease ran out, or whose owner
 * was a process on this machine that no longer exists. The same model carries over to several
 * service instances on one PostgreSQL database: ownership is in the row, not in a process.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { inTransaction, type ServiceDeps } from '../../context.js';
import { changePublication, leaseExpired } from './outbox.js';

/** How long a lease lasts unless renewed, in ms (default 30 s; renewed every third of it). */
export const DEFAULT_LEASE_MS = 30_000;

/** A name for one runner in one process: `host:pid:random`. */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Whether `owner` names a process on this machine that is gone (so its work can go at once). */
export function ownerGone(owner: string | null): boolean {
  if (!owner) return true;
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: the process exists under another user; only "no such process" means gone.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Puts back to `pending` every publication another runner left `publishing` whose lease ran
 * out or whose process is gone; answers how many. The change is made only while the row still
 * has the lease that was read, so a renewal that lands first wins.
 */
export async function takeOverStalled(
  deps: ServiceDeps,
  self: string,
  now: number,
  /** Sites this runner is publishing to right now: its own rows there are in flight. */
  busyHere: ReadonlySet<string> = new Set(),
): Promise<number> {
  const rows = await deps.db
    .selectFrom('publications')
    .selectAll()
    .where('state', '=', 'publishing')
    .execute();
  let taken = 0;
  for (const row of rows) {
    // Its own row counts as stalled only when no attempt of it runs here (recording failed).
    const stalled =
      row.owner === self
        ? !busyHere.has(row.site_id) && leaseExpired(row, now)
        : leaseExpired(row, now) || ownerGone(row.owner);
    if (!stalled) continue;
    const done = await inTransaction(deps, { actor: 'runner' }, (unit) =>
      changePublication(
        deps,
        unit,
        row,
        ['publishing'],
        { state: 'pending', next_attempt_at: unit.at, owner: null, lease_until: null },
        'taken_over',
        { owner: row.owner, leaseUntil: row.lease_until },
      ),
    );
    if (done) taken++;
  }
  return taken;
}

/** When the soonest lease of another runner runs out (to look again then), or undefined. */
export async function nextLeaseEnd(deps: ServiceDeps, self: string): Promise<number | undefined> {
  const next = await deps.db
    .selectFrom('publications')
    .select('lease_until')
    .where('state', '=', 'publishing')
    .where((eb) => eb.or([eb('owner', 'is', null), eb('owner', '!=', self)]))
    .orderBy('lease_until')
    .limit(1)
    .executeTakeFirst();
  if (!next) return undefined;
  return next.lease_until === null ? 0 : Date.parse(next.lease_until);
}

/**
 * Keeps renewing the lease of one publication while its attempt runs; the returned function
 * stops it. A renewal that finds the row taken over stops quietly (the result will not count).
 */
export function keepLease(
  deps: ServiceDeps,
  publicationId: string,
  self: string,
  leaseMs: number,
  onError: (error: unknown) => void,
): () => void {
  const timer = setInterval(
    () => {
      const until = new Date(deps.clock.now() + leaseMs).toISOString();
      deps.db
        .updateTable('publications')
        .set({ lease_until: until })
        .where('id', '=', publicationId)
        .where('owner', '=', self)
        .where('state', '=', 'publishing')
        .execute()
        .catch(onError);
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * A running mailing is owned by lease (issue 17), like a publication (runner/leases.ts): the
 * process that runs it writes itself as `owner` with `lease_until` and renews it while it
 * sends; another process may take it over only when the lease ran out or the owner's process
 * on this machine is gone. Each recipient is claimed (`pending` → `sending`) in the same
 * transaction that confirms the lease, so two processes never send one mail twice, even when
 * one of them was paused past its lease and wakes up.
 */
import { ConflictError } from '../../shared/errors.js';
import type { ServiceDeps } from '../context.js';
import { ownerGone } from '../runner/leases.js';
import { mailDb } from './tables.js';

/** How long a mailing's lease lasts unless renewed, in ms. */
export const MAILING_LEASE_MS = 30_000;

type Deps = Pick<ServiceDeps, 'db' | 'clock'>;

const until = (deps: Deps, leaseMs: number) => new Date(deps.clock.now() + leaseMs).toISOString();

/**
 * Makes `owner` the runner of mailing `id` (state `running`); a ConflictError when another
 * live owner holds it. `takeOver` also takes a `running` mailing whose owner is gone.
 */
export async function claimMailing(
  deps: Deps,
  id: string,
  owner: string,
  leaseMs: number,
): Promise<void> {
  const db = mailDb(deps.db);
  const row = await db
    .selectFrom('mailings')
    .select(['state', 'owner', 'lease_until'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const free =
    row.state !== 'running' ||
    row.lease_until === null ||
    Date.parse(row.lease_until) <= now ||
    ownerGone(row.owner);
  if (free) {
    // Only while the row is as read: of two processes claiming at once, one wins.
    let claim = db
      .updateTable('mailings')
      .set({ state: 'running', owner, lease_until: until(deps, leaseMs) })
      .where('id', '=', id)
      .where('state', '=', row.state);
    claim =
      row.owner === null ? claim.where('owner', 'is', null) : claim.where('owner', '=', row.owner);
    const done = await claim.executeTakeFirst();
    if (Number(done.numUpdatedRows) === 1) return;
  }
  throw new ConflictError(`mailing ${id} is already being sent by another sitedesk process`);
}

/**
 * Confirms the lease (renewing it) and claims one recipient for sending, in one transaction;
 * a ConflictError when the mailing was taken over or the recipient is someone else's.
 */
export async function claimRecipient(
  deps: Deps,
  id: string,
  owner: string,
  leaseMs: number,
  email: string,
  resendUnknown: boolean,
): Promise<void> {
  await mailDb(deps.db)
    .transaction()
    .execute(async (trx) => {
      const lease = await trx
        .updateTable('mailings')
        .set({ lease_until: until(deps, leaseMs) })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .where('state', '=', 'running')
        .executeTakeFirst();
      if (Number(lease.numUpdatedRows) !== 1)
        throw new ConflictError(`mailing ${id} was taken over by another sitedesk process`);
      const claimed = await trx
        .updateTable('mailing_recipients')
        .set({ state: 'sending', updated_at: new Date(deps.clock.now()).toISOString() })
        .where('mailing_id', '=', id)
        .where('email', '=', email.toLowerCase())
        .where(
          'state',
          'in',
          resendUnknown ? ['pending', 'failed', 'sending'] : ['pending', 'failed'],
        )
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1)
        throw new ConflictError(`${email} of mailing ${id} is being sent by another process`);
    });
}

/** Renews the lease every third of it while the mailing waits between sends; returns the stop. */
export function keepMailingLease(deps: Deps, id: string, owner: string, leaseMs: number) {
  const timer = setInterval(
    () => {
      void mailDb(deps.db)
        .updateTable('mailings')
        .set({ lease_until: until(deps, leaseMs) })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .execute()
        .catch(() => undefined);
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}

/** Mailings left `running` whose owner is gone (lease ran out, or its process here ended): `stopped`. */
export async function releaseStalledMailings(deps: Deps): Promise<number> {
  const db = mailDb(deps.db);
  const now = deps.clock.now();
  const rows = await db
    .selectFrom('mailings')
    .select(['id', 'owner', 'lease_until'])
    .where('state', '=', 'running')
    .execute();
  let released = 0;
  for (const row of rows) {
    const expired = row.lease_until === null || Date.parse(row.lease_until) <= now;
    if (!expired && !ownerGone(row.owner)) continue;
    let update = db
      .updateTable('mailings')
      .set({ state: 'stopped', owner: null, lease_until: null })
      .where('id', '=', row.id)
      .where('state', '=', 'running');
    update =
      row.owner === null
        ? update.where('owner', 'is', null)
        : update.where('owner', '=', row.owner);
    released += Number((await update.executeTakeFirst()).numUpdatedRows);
  }
  return released;
}

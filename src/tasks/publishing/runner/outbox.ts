import type { Selectable } from 'kysely';
import { ConflictError, NotFoundError } from '../../../shared/errors.js';
import { appendHistory, type PublicationsTable } from '../../../store/index.js';
import type { ServiceDeps, Unit } from '../../context.js';
import { publicationFromRow } from '../../rows.js';
import { applyTransition } from '../../task-list/tasks.js';
import { closeRequestOf } from '../../thread/close.js';
import type { Publication, PublicationState } from '../../types.js';
import type { TaskStatus } from '../../task-list/transitions.js';

/** The changes one job result makes to its publication row. */
export type PublicationChange = Partial<
  Pick<
    Selectable<PublicationsTable>,
    | 'state'
    | 'remote_id'
    | 'url'
    | 'attempts'
    | 'last_error'
    | 'next_attempt_at'
    | 'verified_at'
    | 'next_verify_at'
    | 'verify_attempts'
    | 'owner'
    | 'lease_until'
  >
>;

/** Extra conditions of a change: only while the row still has this owner and lease. */
export interface ChangeGuard {
  owner?: string | null;
  leaseUntil?: string | null;
}

/** Loads a publication row inside `unit`, or NotFoundError. */
export async function loadPublication(
  unit: Unit,
  id: string,
): Promise<Selectable<PublicationsTable>> {
  const row = await unit.trx
    .selectFrom('publications')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No publication with id ${id}.`);
  return row;
}

/**
 * Writes `change` to a publication (only while it is still in `expected` state, so a cancel
 * and a result cannot overwrite each other), with its history entry and event; then closes
 * the task when none of its publications is left to do. Returns undefined when the row had
 * moved on.
 */
export async function changePublication(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  row: Selectable<PublicationsTable>,
  expected: PublicationState[],
  change: PublicationChange,
  action: string,
  guard: ChangeGuard = {},
): Promise<Publication | undefined> {
  let update = unit.trx
    .updateTable('publications')
    .set({ ...change, updated_at: unit.at })
    .where('id', '=', row.id)
    .where('state', 'in', expected);
  // A result or a take-over counts only while the lease it relies on is still the row's.
  if (guard.owner !== undefined)
    update =
      guard.owner === null
        ? update.where('owner', 'is', null)
        : update.where('owner', '=', guard.owner);
  if (guard.leaseUntil !== undefined)
    update =
      guard.leaseUntil === null
        ? update.where('lease_until', 'is', null)
        : update.where('lease_until', '=', guard.leaseUntil);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const next = { ...row, ...change, updated_at: unit.at };
  await appendHistory(unit.trx, deps.newId, {
    entity: 'publication',
    entityId: row.id,
    taskId: row.task_id,
    action,
    actor: unit.actor,
    at: unit.at,
    changes: { siteId: row.site_id, ...change },
  });
  const publication = publicationFromRow(next);
  unit.emit({ type: 'publication.updated', publication, actor: unit.actor });
  if (change.state !== undefined) await settleTask(deps, unit, row.task_id);
  return publication;
}

/**
 * The task of publications follows them: when none is pending or publishing (nor, for an item
 * with an end, still live or waiting for its start), it is `done`
 * (everything went out or was cancelled), `failed` (a site failed) or `cancelled` (all
 * were cancelled); a failed task whose publication is retried goes back to `scheduled`.
 */
export async function settleTask(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  taskId: string,
): Promise<void> {
  const task = await unit.trx
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task) return;
  const rows = await unit.trx
    .selectFrom('publications as p')
    .innerJoin('content_items as ci', 'ci.id', 'p.content_item_id')
    .select(['p.state', 'ci.ends_at'])
    .where('p.task_id', '=', taskId)
    .execute();
  const states = rows.map((r) => r.state as PublicationState);
  // A promotion with an end is not done while it is live or waiting to go live: only its
  // take-down at the end (`unpublished`) finishes it (issue 23).
  const open = rows.some(
    (r) =>
      r.state === 'pending' ||
      r.state === 'publishing' ||
      (r.ends_at !== null && (r.state === 'published' || r.state === 'scheduled')),
  );
  let target: TaskStatus | undefined;
  if (open) target = task.status === 'failed' ? 'scheduled' : undefined;
  else if (states.includes('failed')) target = 'failed';
  else if (states.every((s) => s === 'cancelled')) target = 'cancelled';
  else target = 'done';
  if (
    target &&
    target !== task.status &&
    task.status === (target === 'scheduled' ? 'failed' : 'scheduled')
  ) {
    await applyTransition(deps, unit, task, target, undefined, {
      changes: { reason: 'publications-settled' },
    });
    // Every site has the text: the client's request it answers is done too.
    if (target === 'done') await closeRequestOf(deps, unit, task);
  }
}

/**
 * Refuses a change of a publication that is being published right now. Given the time, a
 * publication whose owner's lease ran out (its process is gone) is not in flight: Retry and
 * Cancel act on it.
 */
export function assertNotInFlight(
  row: Selectable<PublicationsTable>,
  what: string,
  now?: number,
): void {
  if (row.state === 'publishing' && !(now !== undefined && leaseExpired(row, now))) {
    throw new ConflictError(
      `Publication ${row.id} is being published right now; ${what} once this attempt has finished.`,
    );
  }
}

/** Whether a `publishing` row's lease has run out at `now` (a row without a lease has). */
export function leaseExpired(
  row: Pick<Selectable<PublicationsTable>, 'state' | 'lease_until'>,
  now: number,
): boolean {
  return (
    row.state === 'publishing' && (row.lease_until === null || Date.parse(row.lease_until) <= now)
  );
}

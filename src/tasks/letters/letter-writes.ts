/** Writes a letter task's details inside a transaction, with its history entry and event. */
import type { Selectable } from 'kysely';
import { appendHistory, type TasksTable } from '../../store/index.js';
import type { ServiceDeps, Unit } from '../context.js';
import { taskFromRow } from '../rows.js';
import { applyTransition } from '../task-list/tasks.js';
import { canTransition, type TaskStatus } from '../task-list/transitions.js';
import type { LetterDetails } from './schemas.js';

/** Sets `details` on task `row` (and moves it to `status` when allowed); answers the new row. */
export async function writeLetterDetails(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  row: Selectable<TasksTable>,
  details: LetterDetails,
  status?: TaskStatus,
): Promise<Selectable<TasksTable>> {
  const before = JSON.parse(row.details) as LetterDetails;
  const next = {
    ...row,
    details: JSON.stringify(details),
    version: row.version + 1,
    updated_at: unit.at,
  };
  await unit.trx
    .updateTable('tasks')
    .set({ details: next.details, version: next.version, updated_at: next.updated_at })
    .where('id', '=', row.id)
    .execute();
  await appendHistory(unit.trx, deps.newId, {
    entity: 'task',
    entityId: row.id,
    taskId: row.id,
    // An ordinary change of the task's details, so the history reads it as one in every language.
    action: 'updated',
    actor: unit.actor,
    at: unit.at,
    changes: {
      details: {
        from: { delivery: before.delivery, approval: before.approval },
        to: { delivery: details.delivery, approval: details.approval },
      },
    },
  });
  unit.emit({
    type: 'task.updated',
    task: taskFromRow(next),
    actor: unit.actor,
    fields: ['details'],
  });
  if (status && status !== next.status && canTransition(next.status as TaskStatus, status)) {
    await applyTransition(deps, unit, next, status);
    return { ...next, status, version: next.version + 1 };
  }
  return next;
}

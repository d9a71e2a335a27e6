import type { Selectable } from 'kysely';
import type { TasksTable } from '../../store/index.js';
import type { ServiceDeps, Unit } from '../context.js';
import { applyTransition } from '../task-list/tasks.js';

/**
 * Closes the request of a text whose publish task is done (every site has it): the request
 * is answered. A request already closed stays as it is.
 */
export async function closeRequestOf(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  publishTask: Selectable<TasksTable>,
): Promise<void> {
  const requestId = (JSON.parse(publishTask.details) as { requestTaskId?: string }).requestTaskId;
  if (!requestId) return;
  const request = await unit.trx
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!request || request.status === 'done' || request.status === 'cancelled') return;
  await applyTransition(deps, unit, request, 'done', undefined, {
    reopen: true,
    changes: { reason: 'thread-live' },
  });
}

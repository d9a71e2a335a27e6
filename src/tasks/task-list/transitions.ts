import { ConflictError } from '../../shared/errors.js';
import { taskStatuses, type TaskStatus } from '../schemas/common.js';

// The statuses live with the other enumerations (schemas/common.ts), so the task types, rows
// and events name them without importing the task list; named here for the transitions' users.
export { taskStatuses, type TaskStatus };

/**
 * The allowed status changes, as data (the UI shows the buttons from it, the tests walk all
 * 64 pairs). `done` is final: a finished task is not reopened, a new task is made instead,
 * so the history of what went out stays true. `failed` may be retried, `cancelled` reopened.
 */
export const transitions: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  open: ['in_progress', 'waiting_client', 'approved', 'scheduled', 'done', 'cancelled'],
  in_progress: ['open', 'waiting_client', 'approved', 'scheduled', 'done', 'failed', 'cancelled'],
  waiting_client: ['open', 'in_progress', 'approved', 'cancelled'],
  approved: ['in_progress', 'waiting_client', 'scheduled', 'done', 'cancelled'],
  scheduled: ['approved', 'done', 'failed', 'cancelled'],
  done: [],
  failed: ['open', 'in_progress', 'scheduled', 'cancelled'],
  cancelled: ['open'],
};

/** Whether a task may go from `from` to `to`. */
export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return transitions[from].includes(to);
}

/** Throws a ConflictError that lists the allowed next statuses when `from → to` is not allowed. */
export function assertTransition(taskId: string, from: TaskStatus, to: TaskStatus): void {
  if (canTransition(from, to)) return;
  const allowed = transitions[from];
  throw new ConflictError(
    `Task ${taskId} cannot go from ${from} to ${to}; from ${from} it can go to ${allowed.length ? allowed.join(', ') : 'nothing (it is final)'}.`,
  );
}

/** Reading a thread: the request a text answers and the one publish task of the text. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, TasksTable } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { taskFromRow } from '../rows.js';
import type { Task } from '../types.js';

/** The pieces of one thread, as the agency sees them. */
export interface Thread {
  request?: Task;
  /** The publish task of the text (absent until it is sent or published). */
  task?: Task;
}

/** The thread a content item belongs to: its request and its publish task, when they exist. */
export async function getThread(
  deps: Pick<ServiceDeps, 'db'>,
  contentItemId: string,
): Promise<Thread> {
  const [request, task] = await Promise.all([
    findRequestRow(deps.db, contentItemId),
    findThreadTaskRow(deps.db, contentItemId),
  ]);
  return {
    ...(request ? { request: taskFromRow(request) } : {}),
    ...(task ? { task: taskFromRow(task) } : {}),
  };
}

// The newest task of `kind` that names the text (a cancelled publish task no longer counts).
function newestTaskOf(
  db: Kysely<Database>,
  contentItemId: string,
  kind: 'site-edit' | 'publish',
): Promise<Selectable<TasksTable> | undefined> {
  let query = db
    .selectFrom('tasks')
    .selectAll()
    .where('content_item_id', '=', contentItemId)
    .where('kind', '=', kind);
  if (kind === 'publish') query = query.where('status', '!=', 'cancelled');
  return query.orderBy('id', 'desc').executeTakeFirst();
}

/** The request a text was written for (the request task names the text). */
export function findRequestRow(
  db: Kysely<Database>,
  contentItemId: string,
): Promise<Selectable<TasksTable> | undefined> {
  return newestTaskOf(db, contentItemId, 'site-edit');
}

/** The one publish task of a text (the newest not cancelled; older data may have several). */
export function findThreadTaskRow(
  db: Kysely<Database>,
  contentItemId: string,
): Promise<Selectable<TasksTable> | undefined> {
  return newestTaskOf(db, contentItemId, 'publish');
}

/** Reading a thread: the request a text answers and the one publish task of the text. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, TasksTable } from '../store/index.js';
import type { ServiceDeps } from './context.js';
import { taskFromRow } from './rows.js';
import type { Task } from './types.js';

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

/** The request a text was written for (the request task names the text). */
export async function findRequestRow(
  trx: Kysely<Database>,
  contentItemId: string,
): Promise<Selectable<TasksTable> | undefined> {
  return trx
    .selectFrom('tasks')
    .selectAll()
    .where('content_item_id', '=', contentItemId)
    .where('kind', '=', 'site-edit')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The one publish task of a text (the newest not cancelled; older data may have several). */
export async function findThreadTaskRow(
  trx: Kysely<Database>,
  contentItemId: string,
): Promise<Selectable<TasksTable> | undefined> {
  return trx
    .selectFrom('tasks')
    .selectAll()
    .where('content_item_id', '=', contentItemId)
    .where('kind', '=', 'publish')
    .where('status', '!=', 'cancelled')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

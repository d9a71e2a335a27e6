import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import { checkSites } from '../task-list/references.js';
import { publicationFromRow, taskFromRow } from '../rows.js';
import { requestPublishSchema, type RequestPublishInput } from '../schemas/tasks.js';
import { changePublication } from './runner/outbox.js';
import { applyTransition, insertTask, loadTaskRow } from '../task-list/tasks.js';
import { findRequestRow, findThreadTaskRow } from '../thread/queries.js';
import type { Publication, PublicationState, Task, TaskSource } from '../types.js';

// Publications on their way already: asking again changes nothing for them.
const stillGoing = new Set<string>(['pending', 'publishing']);
import { invalid, parseInput } from '../validate.js';
import { regionSiteIssues } from '../regions/references.js';

/** The task of a publish request and one publication per site. */
export interface PublishRequest {
  task: Task;
  publications: Publication[];
}

/**
 * Queues a content item for one or more sites: in one transaction, the publish task (new, or
 * the one named by `taskId`) moves to `scheduled` and one `pending` publication per site is
 * written — the outbox the runner works through. A crash after the commit loses nothing; a
 * crash before it leaves nothing half-done.
 */
export async function requestPublish(
  deps: ServiceDeps,
  input: RequestPublishInput,
  who: Actor,
): Promise<PublishRequest> {
  const data = parseInput(requestPublishSchema, input, 'publish request');
  return inTransaction(deps, who, (unit) => queuePublish(deps, unit, data, 'manual'));
}

/** requestPublish inside an open unit (schedules use it with source `schedule`). */
export async function queuePublish(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  data: ReturnType<typeof requestPublishSchema.parse> & { scheduleId?: string },
  source: TaskSource,
  /** The item as the caller just wrote it, with sites already checked (schedules): skips the checks. */
  checked?: { id: string; client_id: string; title: string },
): Promise<PublishRequest> {
  const item =
    checked ??
    (await unit.trx
      .selectFrom('content_items')
      .select(['id', 'client_id', 'title'])
      .where('id', '=', data.contentItemId)
      .executeTakeFirst());
  if (!item)
    throw invalid('publish request', [
      { path: 'contentItemId', message: 'no content item has this id' },
    ]);
  if (!checked) {
    const siteIssues = await checkSites(unit.trx, item.client_id, data.siteIds, 'siteIds');
    siteIssues.push(...(await regionSiteIssues(unit.trx, item.id, data.siteIds)));
    if (siteIssues.length) throw invalid('publish request', siteIssues);
  }

  // One publish task per text: publishing it again (after an edit) continues its thread.
  const taskId = data.taskId ?? (await findThreadTaskRow(unit.trx, item.id))?.id;
  let task: Task;
  if (taskId === undefined) {
    const request = await findRequestRow(unit.trx, item.id);
    const parsed = {
      kind: 'publish' as const,
      clientId: item.client_id,
      title: `Publish “${item.title}”`,
      priority: data.priority ?? 'normal',
      dueAt: data.dueAt,
      assignee: data.assignee,
      source,
      details: {
        contentItemId: item.id,
        siteIds: data.siteIds,
        ...(request ? { requestTaskId: request.id } : {}),
      },
    };
    task = await insertTask(deps, unit, parsed, {
      status: 'scheduled',
      scheduleId: data.scheduleId,
    });
  } else {
    task = await attachToTask(deps, unit, taskId, item.id, data.siteIds);
  }

  // A task made just now has no publications yet.
  const existing =
    taskId === undefined
      ? []
      : await unit.trx
          .selectFrom('publications')
          .selectAll()
          .where('task_id', '=', task.id)
          .where('site_id', 'in', data.siteIds)
          .execute();
  const have = new Set(existing.map((r) => r.site_id));
  const publications: Publication[] = [];
  // A site that has (or had) the text gets it again: the same remote post, updated.
  for (const row of existing.filter((r) => !stillGoing.has(r.state))) {
    const again = await changePublication(
      deps,
      unit,
      row,
      [row.state as PublicationState],
      { state: 'pending', attempts: 0, last_error: null, next_attempt_at: unit.at },
      'requeued',
    );
    if (again) publications.push(again);
  }
  for (const siteId of data.siteIds.filter((id) => !have.has(id))) {
    const row = {
      id: deps.newId(),
      task_id: task.id,
      content_item_id: item.id,
      site_id: siteId,
      state: 'pending',
      remote_id: null,
      url: null,
      attempts: 0,
      last_error: null,
      next_attempt_at: unit.at,
      verified_at: null,
      next_verify_at: null,
      verify_attempts: 0,
      owner: null,
      lease_until: null,
      created_at: unit.at,
      updated_at: unit.at,
    };
    await unit.trx.insertInto('publications').values(row).execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'publication',
      entityId: row.id,
      taskId: task.id,
      action: 'created',
      actor: unit.actor,
      at: unit.at,
      changes: { siteId, state: 'pending' },
    });
    const publication = publicationFromRow(row);
    publications.push(publication);
    unit.emit({ type: 'publication.created', publication, actor: unit.actor });
  }
  return { task, publications };
}

// An existing task joins the request: it must be a publish task of the same item; it takes
// the new sites into its details and moves to `scheduled` (the table decides whether it may).
async function attachToTask(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  taskId: string,
  contentItemId: string,
  siteIds: string[],
): Promise<Task> {
  let row;
  try {
    row = await loadTaskRow(unit, taskId);
  } catch (error) {
    if (error instanceof NotFoundError)
      throw invalid('publish request', [{ path: 'taskId', message: 'no task has this id' }]);
    throw error;
  }
  if (row.kind !== 'publish' || row.content_item_id !== contentItemId) {
    throw new ConflictError(
      `Task ${taskId} is not the publish task of content item ${contentItemId}.`,
    );
  }
  const details = JSON.parse(row.details) as { contentItemId: string; siteIds: string[] };
  const merged = [...new Set([...details.siteIds, ...siteIds])];
  if (merged.length !== details.siteIds.length) {
    const next = {
      details: JSON.stringify({ ...details, siteIds: merged }),
      version: row.version + 1,
      updated_at: unit.at,
    };
    await unit.trx.updateTable('tasks').set(next).where('id', '=', taskId).execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'task',
      entityId: taskId,
      taskId,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes: { siteIds: { from: details.siteIds, to: merged } },
    });
    row = { ...row, ...next };
  }
  // A text published before (done) or failed goes out again on the same task.
  return row.status === 'scheduled'
    ? taskFromRow(row)
    : applyTransition(deps, unit, row, 'scheduled', undefined, {
        reopen: row.status === 'done' || row.status === 'failed',
      });
}

/** The publications of a task, or of all tasks in a state (for the runner and the UI). */
export async function listPublications(
  deps: Pick<ServiceDeps, 'db'>,
  filter: { taskId?: string; state?: Publication['state'][] } = {},
): Promise<Publication[]> {
  let query = deps.db.selectFrom('publications').selectAll();
  if (filter.taskId !== undefined) query = query.where('task_id', '=', filter.taskId);
  if (filter.state?.length) query = query.where('state', 'in', filter.state);
  const rows = await query.orderBy('id').execute();
  return rows.map(publicationFromRow);
}

/** One page of publications (oldest first, as listPublications), `nextCursor` when there are more. */
export async function listPublicationsPage(
  deps: Pick<ServiceDeps, 'db'>,
  filter: { taskId?: string; state?: Publication['state'][]; limit?: number; cursor?: string },
): Promise<{ items: Publication[]; nextCursor?: string }> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
  let query = deps.db.selectFrom('publications').selectAll();
  if (filter.taskId !== undefined) query = query.where('task_id', '=', filter.taskId);
  if (filter.state?.length) query = query.where('state', 'in', filter.state);
  if (filter.cursor !== undefined) query = query.where('id', '>', filter.cursor);
  const rows = await query
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(publicationFromRow);
  const last = items.at(-1);
  return rows.length > limit && last ? { items, nextCursor: last.id } : { items };
}

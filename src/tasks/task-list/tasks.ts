import type { Selectable } from 'kysely';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendHistory, type TasksTable } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import { checkTaskReferences } from './references.js';
import { publicationFromRow, taskFromRow } from '../rows.js';
import {
  createTaskSchema,
  detailsSchemas,
  updateTaskSchema,
  type CreateTaskInput,
  type ParsedCreateTask,
  type UpdateTaskInput,
} from '../schemas/tasks.js';
import { assertTransition, taskStatuses, type TaskStatus } from './transitions.js';
import type { Task, TaskKindDetails } from '../types.js';
import { parseInput } from '../validate.js';
import { defaultTitle } from './titles.js';
import { z } from 'zod';

/** Adds a task (status `open`) after checking that everything it names exists for its client. */
export async function createTask(
  deps: ServiceDeps,
  input: CreateTaskInput,
  who: Actor,
): Promise<Task> {
  const data = parseInput(createTaskSchema, input, 'task');
  return inTransaction(deps, who, async (unit) => {
    await checkTaskReferences(unit.trx, 'task', data.clientId, data);
    return insertTask(deps, unit, data, { status: 'open' });
  });
}

/** Extra columns a task may start with when made by the system (publish, schedules). */
export interface InsertTaskExtras {
  status: TaskStatus;
  contentItemId?: string;
  scheduleId?: string;
  defaultTitle?: string;
}

/** Inserts a validated task and its `created` history entry inside `unit`. */
export async function insertTask(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  data: ParsedCreateTask,
  extras: InsertTaskExtras,
): Promise<Task> {
  const id = deps.newId();
  const row: Selectable<TasksTable> = {
    id,
    client_id: data.clientId,
    kind: data.kind,
    status: extras.status,
    title: data.title ?? extras.defaultTitle ?? defaultTitle(data),
    priority: data.priority,
    due_at: data.dueAt ?? null,
    assignee: data.assignee ?? null,
    source: data.source,
    details: JSON.stringify(data.details),
    content_item_id:
      extras.contentItemId ?? (data.kind === 'publish' ? data.details.contentItemId : null),
    schedule_id: extras.scheduleId ?? null,
    version: 1,
    created_at: unit.at,
    updated_at: unit.at,
  };
  await unit.trx.insertInto('tasks').values(row).execute();
  const task = taskFromRow(row);
  await appendHistory(unit.trx, deps.newId, {
    entity: 'task',
    entityId: id,
    taskId: id,
    action: 'created',
    actor: unit.actor,
    at: unit.at,
    changes: { ...data, status: extras.status },
  });
  unit.emit({ type: 'task.created', task, actor: unit.actor });
  return task;
}

/** Changes the common fields and part of the details; kind and status are not changed here. */
export async function updateTask(
  deps: ServiceDeps,
  id: string,
  input: UpdateTaskInput,
  who: Actor,
): Promise<Task> {
  const patch = parseInput(updateTaskSchema, input, 'task change');
  return inTransaction(deps, who, async (unit) => {
    const before = await loadTaskRow(unit, id, patch.expectedVersion);
    const oldDetails = JSON.parse(before.details) as Record<string, unknown>;
    const kind = before.kind as Task['kind'];
    const details = patch.details
      ? parseInput(
          detailsSchemas[kind] as z.ZodType,
          { ...oldDetails, ...patch.details },
          'task change',
        )
      : oldDetails;
    const next = {
      title: patch.title ?? before.title,
      priority: patch.priority ?? before.priority,
      due_at: patch.dueAt === undefined ? before.due_at : patch.dueAt,
      assignee: patch.assignee === undefined ? before.assignee : patch.assignee,
      details: JSON.stringify(details),
    };
    // Only new details are checked: a task of an archived client or naming a removed site
    // keeps its title, priority and due time editable.
    if (patch.details && (kind === 'publish' || kind === 'site-edit')) {
      const parsed = { kind, details } as TaskKindDetails;
      await checkTaskReferences(unit.trx, 'task change', before.client_id, parsed);
    }
    const changes = Object.fromEntries(
      (Object.keys(next) as (keyof typeof next)[])
        .filter((key) => next[key] !== before[key])
        .map((key) => [
          key,
          key === 'details'
            ? { from: oldDetails, to: details }
            : { from: before[key], to: next[key] },
        ]),
    );
    if (Object.keys(changes).length === 0) return taskFromRow(before);
    const row = { ...before, ...next, version: before.version + 1, updated_at: unit.at };
    await unit.trx.updateTable('tasks').set(row).where('id', '=', id).execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'task',
      entityId: id,
      taskId: id,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes,
    });
    const task = taskFromRow(row);
    unit.emit({ type: 'task.updated', task, actor: unit.actor, fields: Object.keys(changes) });
    return task;
  });
}

const transitionSchema = z.strictObject({
  to: z.enum(taskStatuses),
  note: z.string().max(2000).optional(),
  expectedVersion: z.number().int().min(1).optional(),
});

/** Moves a task to another status when the transition table allows it (ConflictError otherwise). */
export async function transitionTask(
  deps: ServiceDeps,
  id: string,
  input: z.input<typeof transitionSchema>,
  who: Actor,
): Promise<Task> {
  const data = parseInput(transitionSchema, input, 'status change');
  return inTransaction(deps, who, async (unit) => {
    const row = await loadTaskRow(unit, id, data.expectedVersion);
    const task = await applyTransition(deps, unit, row, data.to, data.note);
    if (data.to === 'cancelled') await cancelPendingPublications(deps, unit, id);
    return task;
  });
}

// Cancelling a publish task cancels what has not gone out yet; an attempt already running
// finishes and reports as usual (the site may have the post by then).
async function cancelPendingPublications(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  taskId: string,
) {
  const rows = await unit.trx
    .selectFrom('publications')
    .selectAll()
    .where('task_id', '=', taskId)
    .where('state', '=', 'pending')
    .execute();
  for (const row of rows) {
    const next = { ...row, state: 'cancelled', next_attempt_at: null, updated_at: unit.at };
    await unit.trx
      .updateTable('publications')
      .set({ state: 'cancelled', next_attempt_at: null, updated_at: unit.at })
      .where('id', '=', row.id)
      .execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'publication',
      entityId: row.id,
      taskId,
      action: 'cancelled',
      actor: unit.actor,
      at: unit.at,
      changes: { siteId: row.site_id, state: 'cancelled' },
    });
    unit.emit({
      type: 'publication.updated',
      publication: publicationFromRow(next),
      actor: unit.actor,
    });
  }
}

/** How applyTransition may go further than the table (the thread's own moves). */
export interface TransitionOptions {
  /** More facts for the history entry (a client's decision and comment, a reason). */
  changes?: Record<string, unknown>;
  /**
   * A publish task whose text is sent or published again leaves `done`/`failed` (one task per
   * text, so its history stays whole), and a request closes when its text is live whatever it
   * waited for. Only the thread (thread.ts) and the outbox pass this.
   */
  reopen?: boolean;
}

/** Changes the status of a loaded task inside `unit`, with its history entry and event. */
export async function applyTransition(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  row: Selectable<TasksTable>,
  to: TaskStatus,
  note?: string,
  options: TransitionOptions = {},
): Promise<Task> {
  const from = row.status as TaskStatus;
  if (!options.reopen || from === to) assertTransition(row.id, from, to);
  const next = { ...row, status: to, version: row.version + 1, updated_at: unit.at };
  await unit.trx
    .updateTable('tasks')
    .set({ status: to, version: next.version, updated_at: unit.at })
    .where('id', '=', row.id)
    .execute();
  await appendHistory(unit.trx, deps.newId, {
    entity: 'task',
    entityId: row.id,
    taskId: row.id,
    action: `status:${from}->${to}`,
    actor: unit.actor,
    at: unit.at,
    changes: { status: { from, to }, ...(note ? { note } : {}), ...options.changes },
  });
  const task = taskFromRow(next);
  unit.emit({ type: 'task.status', task, actor: unit.actor, from, to });
  return task;
}

/** Loads a task row for a change; NotFoundError, or ConflictError when the version moved on. */
export async function loadTaskRow(
  unit: Unit,
  id: string,
  expectedVersion?: number,
): Promise<Selectable<TasksTable>> {
  const row = await unit.trx
    .selectFrom('tasks')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No task with id ${id}.`);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new ConflictError(
      `Task ${id} was changed by someone else (version ${row.version}, you had ${expectedVersion}); reload it and try again.`,
    );
  }
  return row;
}

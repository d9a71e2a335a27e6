import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import type { Database } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import {
  historyFromRow,
  publicationFromRow,
  TASK_COLUMNS,
  taskFromRow,
  taskFromValues,
} from '../rows.js';
import { idSchema, instantSchema, taskKinds } from '../schemas/common.js';
import { taskStatuses } from './transitions.js';
import type { HistoryEntry, Publication, Task } from '../types.js';
import { invalid, parseInput } from '../validate.js';

const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.array(schema).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** Filters and paging of listTasks. `dueTo` is exclusive. Use `cursor` (keyset) or `offset`, not both. */
export const listTasksSchema = z
  .strictObject({
    clientId: idSchema.optional(),
    kind: oneOrMany(z.enum(taskKinds)).optional(),
    status: oneOrMany(z.enum(taskStatuses)).optional(),
    assignee: z.string().min(1).optional(),
    dueFrom: instantSchema.optional(),
    dueTo: instantSchema.optional(),
    /** `created`: newest first (default); `due`: soonest due first, tasks without a due time last. */
    order: z.enum(['created', 'due']).default('created'),
    /** Page size; default 50, at most 500. */
    limit: z.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .refine((f) => f.cursor === undefined || f.offset === undefined, {
    message: 'use either cursor or offset, not both',
    path: ['offset'],
  });
export type ListTasksInput = z.input<typeof listTasksSchema>;
type Filter = z.output<typeof listTasksSchema>;

/** One page of tasks; `nextCursor` is set when there are more (pass it back as `cursor`). */
export interface TaskPage {
  items: Task[];
  nextCursor?: string;
}

const cursorSchema = z.object({ d: z.string().nullable(), i: z.string() });
type Cursor = z.output<typeof cursorSchema>;
type TaskQuery = SelectQueryBuilder<Database, 'tasks', Database['tasks']>;
type ListDeps = Pick<ServiceDeps, 'db' | 'fast'>;

// The columns named in taskFromValues' order (not `*`), so a raw SQLite row maps by position.
const tasksFrom = (deps: ListDeps): TaskQuery =>
  deps.db.selectFrom('tasks').select(TASK_COLUMNS) as unknown as TaskQuery;

// Runs a list query: on SQLite straight through the fast path (rows as arrays, no row objects,
// about half the time of a Kysely round), else (or inside a transaction) through Kysely.
async function fetchTasks(deps: ListDeps, query: TaskQuery): Promise<Task[]> {
  if (deps.fast) {
    const { sql, parameters } = query.compile();
    const rows = deps.fast.rows(sql, parameters);
    if (rows) return rows.map(taskFromValues);
  }
  return (await query.execute()).map(taskFromRow);
}

/** Lists tasks by client, kind, status, assignee and due range, paged by keyset or offset. */
export async function listTasks(deps: ListDeps, input: ListTasksInput = {}): Promise<TaskPage> {
  const filter = parseInput(listTasksSchema, input, 'task filter');
  const cursor = filter.cursor === undefined ? undefined : decodeCursor(filter.cursor);
  const base = (): TaskQuery => applyFilter(tasksFrom(deps), filter);
  const want = filter.limit + 1;
  let rows: Task[];
  if (filter.order === 'created') {
    const newest = (f: Filter, take: number, skip = 0) => {
      let query = applyFilter(tasksFrom(deps), f);
      if (cursor) query = query.where('id', '<', cursor.i);
      if (skip) query = query.offset(skip);
      return fetchTasks(deps, query.orderBy('id', 'desc').limit(take));
    };
    // With several statuses (or kinds), `IN (…) ORDER BY id` sorts every match in a temp
    // B-tree; one index-ordered query per value, merged here, reads only what the page needs.
    const split =
      (filter.status?.length ?? 0) > 1
        ? 'status'
        : (filter.kind?.length ?? 0) > 1
          ? 'kind'
          : undefined;
    if (split) {
      const take = want + (filter.offset ?? 0);
      const parts = await Promise.all(
        (filter[split] ?? []).map((value) => newest({ ...filter, [split]: [value] }, take)),
      );
      rows = parts
        .flat()
        .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .slice(filter.offset ?? 0, (filter.offset ?? 0) + want);
    } else {
      rows = await newest(filter, want, filter.offset);
    }
  } else if (filter.offset !== undefined) {
    rows = await fetchTasks(
      deps,
      base()
        .orderBy((eb) => eb('due_at', 'is', null))
        .orderBy('due_at')
        .orderBy('id')
        .limit(want)
        .offset(filter.offset),
    );
  } else {
    rows = await listByDue(deps, base, cursor, want);
  }
  const items = rows.slice(0, filter.limit);
  const last = items.at(-1);
  return rows.length > filter.limit && last
    ? { items, nextCursor: encodeCursor({ d: last.dueAt, i: last.id }) }
    : { items };
}

// Keyset over (due_at, id) with tasks without a due time after all others: two index range
// scans instead of one ORDER BY over an expression, which no index could serve.
async function listByDue(
  deps: ListDeps,
  base: () => TaskQuery,
  cursor: Cursor | undefined,
  want: number,
): Promise<Task[]> {
  const rows: Task[] = [];
  if (!cursor || cursor.d !== null) {
    let query = base().where('due_at', 'is not', null);
    if (cursor?.d) {
      const { d, i } = cursor as { d: string; i: string };
      query = query.where((eb) =>
        // A row-value comparison: SQLite (3.15+) and PostgreSQL seek the (due_at, id) index
        // with it, where the equivalent OR form made SQLite scan.
        eb(eb.refTuple('due_at', 'id'), '>', eb.tuple(d, i)),
      );
    }
    rows.push(...(await fetchTasks(deps, query.orderBy('due_at').orderBy('id').limit(want))));
  }
  if (rows.length < want) {
    let query = base().where('due_at', 'is', null);
    if (cursor && cursor.d === null) query = query.where('id', '>', cursor.i);
    rows.push(...(await fetchTasks(deps, query.orderBy('id').limit(want - rows.length))));
  }
  return rows;
}

function applyFilter(query: TaskQuery, f: Filter): TaskQuery {
  if (f.clientId !== undefined) query = query.where('client_id', '=', f.clientId);
  if (f.kind) query = query.where('kind', 'in', f.kind);
  if (f.status) query = query.where('status', 'in', f.status);
  if (f.assignee !== undefined) query = query.where('assignee', '=', f.assignee);
  if (f.dueFrom !== undefined) query = query.where('due_at', '>=', f.dueFrom);
  if (f.dueTo !== undefined) query = query.where('due_at', '<', f.dueTo);
  return query;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw invalid('task filter', [
      { path: 'cursor', message: 'is not a cursor returned by listTasks' },
    ]);
  }
}

/** A task with its full history (oldest first) and its publications. */
export interface TaskWithHistory {
  task: Task;
  history: HistoryEntry[];
  publications: Publication[];
}

/** One task with its history and publications, or NotFoundError. */
export async function getTask(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<TaskWithHistory> {
  const row = await deps.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No task with id ${id}.`);
  const history = await deps.db
    .selectFrom('history')
    .selectAll()
    .where('task_id', '=', id)
    .orderBy('id')
    .execute();
  const publications = await deps.db
    .selectFrom('publications')
    .selectAll()
    .where('task_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    task: taskFromRow(row),
    history: history.map(historyFromRow),
    publications: publications.map(publicationFromRow),
  };
}

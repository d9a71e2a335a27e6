/**
 * Fills a PostgreSQL store with many tasks fast, for bench:scale: the clients and three model
 * tasks (one per kind, with their history) go through the task service, then every task is a
 * copy of a model with its own id, client, kind, status and due time, sent as multi-row INSERTs
 * (`unnest` of one array per column, 5,000 rows a statement) straight through the pg driver,
 * each with its history entry. A million tasks take about a minute instead of hours through
 * createTask. Spread as bench:tasks spreads them: clients in turn, 80 % with a due time within
 * 90 days, 60 % done and the rest any status; ids in creation order (100 tasks a second).
 */
import pg from 'pg';
import { createFakeClock } from '../src/shared/clock.js';
import { createIdGenerator } from '../src/store/ids.js';
import type { Store } from '../src/store/index.js';
import { createTaskService, taskStatuses, type CreateTaskInput } from '../src/tasks/index.js';
import { createRandom } from './tasks-stats.js';

const BATCH = 5000;
const who = { actor: 'bench' };
const TASK_TEXT = ['id', 'client_id', 'kind', 'status', 'title', 'priority', 'due_at'] as const;
const TASK_REST = ['source', 'details', 'created_at', 'updated_at'] as const;
const HISTORY = ['id', 'entity', 'entity_id', 'task_id', 'action', 'actor', 'at', 'changes'];

/** What was seeded: the client ids in order and every task id (for getTask samples). */
export interface Seeded {
  clients: string[];
  ids: string[];
}

const models: CreateTaskInput[] = [
  {
    kind: 'call',
    clientId: '',
    details: {
      caller: 'Caller',
      number: '+420 601 234 567',
      at: '2026-01-01T08:00:00Z',
      message: 'Please call back',
    },
  },
  {
    kind: 'mail',
    clientId: '',
    details: {
      from: 'someone@example.com',
      subject: 'Question',
      receivedAt: '2026-01-01T08:00:00Z',
    },
  },
  { kind: 'site-edit', clientId: '', details: { request: 'Change the opening hours' } },
];

/** Seeds `tasks` tasks over `clients` clients into `store` (PostgreSQL at `url`). */
export async function seedManyTasks(
  store: Store,
  url: string,
  counts: { tasks: number; clients: number },
  progress: (done: number) => void = () => undefined,
): Promise<Seeded> {
  const random = createRandom();
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const service = createTaskService({ store, clock });
  const clients: string[] = [];
  for (let i = 0; i < counts.clients; i++)
    clients.push(
      (await service.createClient({ name: `Client ${i}`, timezone: 'Europe/Prague' }, who)).id,
    );
  const made = [];
  for (const model of models)
    made.push((await service.createTask({ ...model, clientId: clients[0] ?? '' }, who)).id);
  const rows = await store.db.selectFrom('tasks').selectAll().where('id', 'in', made).execute();
  const history = await store.db
    .selectFrom('history')
    .selectAll()
    .where('task_id', 'in', made)
    .execute();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const historyOf = new Map(history.map((h) => [h.task_id, h]));

  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const taskIds = createIdGenerator(clock);
  const historyIds = createIdGenerator(clock);
  const ids: string[] = [...made];
  const inFlight = new Set<Promise<unknown>>();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  try {
    for (let start = 0; start < counts.tasks; start += BATCH) {
      const columns: Record<string, (string | null)[]> = {};
      for (const name of [...TASK_TEXT, ...TASK_REST, ...HISTORY.map((h) => `h_${h}`)])
        columns[name] = [];
      const push = (name: string, value: string | null) => columns[name]?.push(value);
      for (let i = start; i < Math.min(counts.tasks, start + BATCH); i++) {
        if (i % 100 === 0) await clock.advance(1000);
        const kind = pick(['call', 'mail', 'site-edit'] as const);
        const model = byKind.get(kind);
        const entry = historyOf.get(model?.id ?? null);
        if (!model || !entry) throw new Error(`no model task of kind ${kind}`);
        const id = taskIds();
        const at = new Date(clock.now()).toISOString();
        const dueAt =
          random() < 0.8
            ? new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 90 * 86_400_000)).toISOString()
            : null;
        const status = random() < 0.6 ? 'done' : pick(taskStatuses);
        ids.push(id);
        push('id', id);
        push('client_id', clients[i % clients.length] ?? '');
        push('kind', kind);
        push('status', status);
        push('title', `${model.title} ${i}`);
        push('priority', model.priority);
        push('due_at', dueAt);
        push('source', model.source);
        push('details', model.details);
        push('created_at', at);
        push('updated_at', at);
        push('h_id', historyIds());
        push('h_entity', entry.entity);
        push('h_entity_id', id);
        push('h_task_id', id);
        push('h_action', entry.action);
        push('h_actor', entry.actor);
        push('h_at', at);
        push('h_changes', entry.changes);
      }
      // At most two statements in flight: the next batch is built while PostgreSQL writes.
      if (inFlight.size >= 2) await Promise.race(inFlight);
      const written = insertBatch(pool, columns).then(() => {
        inFlight.delete(written);
        progress(Math.min(counts.tasks, start + BATCH));
      });
      inFlight.add(written);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.end();
  }
  return { clients, ids };
}

/** One batch of tasks and their history entries in one transaction. */
async function insertBatch(pool: pg.Pool, c: Record<string, (string | null)[]>): Promise<void> {
  const text = (names: readonly string[], from: number) =>
    names.map((_, i) => `$${from + i}::text[]`).join(', ');
  const client = await pool.connect();
  try {
    await client.query('begin');
    const taskColumns = [...TASK_TEXT, ...TASK_REST];
    await client.query(
      `insert into tasks (${taskColumns.join(', ')}, version)
       select *, 1 from unnest(${text(taskColumns, 1)})`,
      taskColumns.map((name) => c[name]),
    );
    await client.query(
      `insert into history (${HISTORY.join(', ')}) select * from unnest(${text(HISTORY, 1)})`,
      HISTORY.map((name) => c[`h_${name}`]),
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * `npm run bench:tasks`: 100,000 tasks across 500 clients in a real SQLite file (WAL), written
 * through the task service (one transaction with its history entry per task), then p50/p95
 * of the list and filter queries the task list makes. Target: list/filter p95 ≤ 5 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '../src/shared/clock.js';
import { openStore } from '../src/store/index.js';
import { createTaskService, taskStatuses, type CreateTaskInput } from '../src/tasks/index.js';
import { taskListCases } from './tasks-cases.js';
import { createRandom, row, sample } from './tasks-stats.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const SAMPLES = 500;
const who = { actor: 'bench' };
const random = createRandom();
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const dir = mkdtempSync(join(tmpdir(), 'sitedesk-bench-tasks-'));
const store = await openStore({ dataDir: dir });
const clock = createFakeClock(Date.UTC(2026, 0, 1));
const service = createTaskService({ store, clock });
try {
  const clients: string[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    clients.push(
      (await service.createClient({ name: `Client ${i}`, timezone: 'Europe/Prague' }, who)).id,
    );
  }
  const input = (i: number): CreateTaskInput => {
    const clientId = clients[i % clients.length] as string;
    const dueAt =
      random() < 0.8
        ? new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 90 * 86_400_000)).toISOString()
        : undefined;
    const kind = pick(['call', 'mail', 'site-edit'] as const);
    if (kind === 'call')
      return {
        kind,
        clientId,
        dueAt,
        details: {
          caller: `Caller ${i}`,
          number: '+420 601 234 567',
          at: '2026-01-01T08:00:00Z',
          message: 'Please call back',
        },
      };
    if (kind === 'mail')
      return {
        kind,
        clientId,
        dueAt,
        details: {
          from: `someone${i}@example.com`,
          subject: `Question ${i}`,
          receivedAt: '2026-01-01T08:00:00Z',
        },
      };
    return { kind, clientId, dueAt, details: { request: `Change the opening hours (${i})` } };
  };
  const ids: string[] = [];
  const insertStart = performance.now();
  for (let i = 0; i < TASKS; i++) {
    ids.push((await service.createTask(input(i), who)).id);
    if (i % 100 === 0) await clock.advance(1000);
  }
  const insertMs = performance.now() - insertStart;
  // Spread statuses the way a real list looks: most done, some in flight.
  const statusStart = performance.now();
  await store.db.transaction().execute(async (trx) => {
    for (const id of ids) {
      const status = random() < 0.6 ? 'done' : pick(taskStatuses);
      await trx.updateTable('tasks').set({ status }).where('id', '=', id).execute();
    }
  });
  const statusMs = performance.now() - statusStart;
  // What a long-running install has: planner statistics (the store runs PRAGMA optimize on open and close).
  await sql`ANALYZE`.execute(store.db);

  console.log(
    `sitedesk bench:tasks — ${TASKS.toLocaleString('en')} tasks across ${CLIENTS} clients (SQLite WAL file, Node ${process.version})`,
  );
  console.log(
    `insert via createTask (1 transaction + history each): ${(TASKS / (insertMs / 1000)).toFixed(0)} tasks/s (${(insertMs / 1000).toFixed(1)} s)`,
  );
  console.log(`status spread (one bulk transaction): ${(statusMs / 1000).toFixed(1)} s`);
  console.log('');

  const cases = await taskListCases(service, clients, ids, random);
  for (const [label, run] of cases) {
    await sample(20, run);
    console.log(row(label, await sample(SAMPLES, run)));
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Fills the bench database of `npm run bench:api` through the task service. */
import { sql } from 'kysely';
import { openStore } from '../src/store/index.js';
import { createTaskService, taskStatuses, type CreateTaskInput } from '../src/tasks/index.js';
import { systemClock } from '../src/shared/clock.js';
import { createRandom } from './tasks-stats.js';

/** Writes `tasks` tasks across `clients` clients into a new database in `dir`; returns the client ids. */
export async function seedTasks(dir: string, tasks: number, clients: number): Promise<string[]> {
  const random = createRandom();
  const who = { actor: 'bench' };
  const store = await openStore({ dataDir: dir });
  try {
    const service = createTaskService({ store, clock: systemClock });
    const ids: string[] = [];
    for (let i = 0; i < clients; i++)
      ids.push(
        (await service.createClient({ name: `Client ${i}`, timezone: 'Europe/Prague' }, who)).id,
      );
    const kinds = ['call', 'mail', 'site-edit'] as const;
    for (let i = 0; i < tasks; i++) {
      const clientId = ids[i % clients] as string;
      const kind = kinds[i % 3] as (typeof kinds)[number];
      const dueAt =
        random() < 0.8
          ? new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 90 * 86_400_000)).toISOString()
          : undefined;
      const input: CreateTaskInput =
        kind === 'call'
          ? {
              kind,
              clientId,
              dueAt,
              details: {
                caller: `Caller ${i}`,
                number: '+420 601 234 567',
                at: '2026-01-01T08:00:00Z',
                message: 'Please call back',
              },
            }
          : kind === 'mail'
            ? {
                kind,
                clientId,
                dueAt,
                details: {
                  from: `someone${i}@example.com`,
                  subject: `Question ${i}`,
                  receivedAt: '2026-01-01T08:00:00Z',
                },
              }
            : { kind, clientId, dueAt, details: { request: `Change the opening hours (${i})` } };
      await service.createTask(input, who);
    }
    // Statuses spread the way a real list looks (most done, some in flight) by the id's last
    // character, which is random: one bulk transaction of 32 updates.
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    await store.db.transaction().execute(async (trx) => {
      for (const [i, char] of [...alphabet].entries()) {
        const status = i < 19 ? 'done' : (taskStatuses[i % taskStatuses.length] ?? 'open');
        await trx.updateTable('tasks').set({ status }).where('id', 'like', `%${char}`).execute();
      }
    });
    return ids;
  } finally {
    await store.close();
  }
}

/** The client ids of a database seedTasks filled before, in the order it made them. */
export async function seededClients(dir: string): Promise<string[]> {
  const store = await openStore({ dataDir: dir });
  try {
    const rows = await store.db
      .selectFrom('clients')
      .select('id')
      .orderBy(sql`rowid`)
      .execute();
    return rows.map((r) => r.id);
  } finally {
    await store.close();
  }
}

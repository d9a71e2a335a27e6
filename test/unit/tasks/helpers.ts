import { createFakeClock, type FakeClock } from '../../../src/shared/clock.js';
import type { Store } from '../../../src/store/index.js';
import { openTestStore } from '../store/test-store.js';
import {
  createTaskService,
  type Client,
  type Site,
  type TaskService,
} from '../../../src/tasks/index.js';

/** A service on a fresh database (in-memory SQLite unless test-store.ts says otherwise) with a fake clock. */
export interface Harness {
  store: Store;
  clock: FakeClock;
  tasks: TaskService;
  close(): Promise<void>;
}

/** The actor every test change is made by. */
export const anna = { actor: 'anna' };

/** Opens a fresh harness at `start` (default 2026-03-02T08:00Z). */
export async function createHarness(start = Date.UTC(2026, 2, 2, 8)): Promise<Harness> {
  const store = await openTestStore();
  const clock = createFakeClock(start);
  const tasks = createTaskService({ store, clock });
  return { store, clock, tasks, close: () => store.close() };
}

/** A client in Prague with two sites (wordpress, git). */
export async function seedClient(
  tasks: TaskService,
  name = 'Bakery Novák',
  timezone = 'Europe/Prague',
): Promise<{ client: Client; sites: Site[] }> {
  const client = await tasks.createClient({ name, timezone, languages: ['cs'] }, anna);
  const sites = [
    await tasks.createSite(
      { clientId: client.id, name: 'Blog', kind: 'wordpress', url: 'https://blog.example.cz' },
      anna,
    ),
    await tasks.createSite(
      {
        clientId: client.id,
        name: 'Static',
        kind: 'git',
        url: 'https://www.example.cz',
        settings: { branch: 'main' },
      },
      anna,
    ),
  ];
  return { client, sites };
}

/** How many rows each table has, to show that a failed call saved nothing. */
export async function counts(store: Store): Promise<Record<string, number>> {
  const tables = ['clients', 'sites', 'content_items', 'tasks', 'publications', 'history'] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** A valid call task input for `clientId`. */
export function callInput(clientId: string) {
  return {
    kind: 'call' as const,
    clientId,
    details: {
      caller: 'Jan Novák',
      number: '+420 601 234 567',
      at: '2026-03-02T07:55:00Z',
      message: 'Bread order',
      callbackWanted: true,
    },
  };
}

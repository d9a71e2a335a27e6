/**
 * The task list's list and filter queries as bench:tasks (SQLite, 100k) times them, shared with
 * bench:scale (PostgreSQL, 1M) so both stores are measured on the same questions.
 */
import type { TaskService } from '../src/tasks/index.js';

/** One timed query: its label and how to run it once. */
export type TaskListCase = [string, () => Promise<unknown>];

/** The cases, with cursors fetched ahead so that each sample times one page query only. */
export async function taskListCases(
  service: TaskService,
  clients: readonly string[],
  ids: readonly string[],
  random: () => number,
): Promise<TaskListCase[]> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const due = () => {
    const from = Date.UTC(2026, 0, 1) + Math.floor(random() * 80 * 86_400_000);
    return {
      dueFrom: new Date(from).toISOString(),
      dueTo: new Date(from + 7 * 86_400_000).toISOString(),
    };
  };
  const page3Cursors: string[] = [];
  const dueCursors: string[] = [];
  // Mid-list cursors of the due order after 500, 4,500, 8,500 … tasks, walked by keyset: an
  // offset that deep in the due order sorts the whole table (minutes at a million tasks).
  let walk: string | undefined;
  for (let i = 0; i < 20; i++) {
    const first = await service.listTasks({ status: 'open', limit: 100, offset: i });
    if (first.nextCursor) page3Cursors.push(first.nextCursor);
    for (let page = 0; page < 8; page++) {
      walk = (await service.listTasks({ order: 'due', limit: 500, cursor: walk })).nextCursor;
      if (page === 0 && walk) dueCursors.push(walk);
    }
  }
  return [
    ['list newest, first page (50)', () => service.listTasks()],
    ['by client (page of 50)', () => service.listTasks({ clientId: pick(clients) })],
    ['by status open+in_progress', () => service.listTasks({ status: ['open', 'in_progress'] })],
    ['by kind call', () => service.listTasks({ kind: 'call' })],
    ['by due window (7 days, soonest first)', () => service.listTasks({ ...due(), order: 'due' })],
    [
      'by client + status open',
      () => service.listTasks({ clientId: pick(clients), status: 'open' }),
    ],
    [
      'by client, soonest due first',
      () => service.listTasks({ clientId: pick(clients), order: 'due' }),
    ],
    [
      'by status + due window',
      () => service.listTasks({ status: 'waiting_client', ...due(), order: 'due' }),
    ],
    ['by kind + status', () => service.listTasks({ kind: 'mail', status: 'open' })],
    [
      'page 3 by keyset (status open)',
      () => service.listTasks({ status: 'open', cursor: pick(page3Cursors) }),
    ],
    ['page 20 by offset (status open)', () => service.listTasks({ status: 'open', offset: 950 })],
    [
      'next page by keyset, due order (mid-list cursor)',
      () => service.listTasks({ order: 'due', cursor: pick(dueCursors) }),
    ],
    ['getTask with history', () => service.getTask(pick(ids))],
  ];
}

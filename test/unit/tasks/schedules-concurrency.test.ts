import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createFakeClock } from '../../../src/shared/clock.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { anna, seedClient } from './helpers.js';

const stores: Store[] = [];
let dir = '';
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('two instances on one database dispatch each occurrence exactly once', async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-sched-'));
  const clock = createFakeClock(Date.UTC(2026, 2, 1, 8));
  // Two connections, as two sitedesk processes would have; a short busy timeout because
  // both live on this one thread here, so the loser cannot wait for the winner.
  const [a, b] = [
    await openStore({ dataDir: dir, busyTimeoutMs: 20 }),
    await openStore({ dataDir: dir, busyTimeoutMs: 20 }),
  ];
  stores.push(a, b);
  const first = createTaskService({ store: a, clock });
  const second = createTaskService({ store: b, clock });
  const { client, sites } = await seedClient(first);
  for (let i = 0; i < 20; i++) {
    await first.createSchedule(
      {
        clientId: client.id,
        name: `Daily ${i}`,
        rule: { kind: 'cron', expression: `${i} 10 * * *` },
        siteIds: [sites[0]!.id],
        template: { title: 'Daily {{date}}', slug: 'daily-{{date}}', markdown: 'Fresh bread' },
      },
      anna,
    );
  }
  await clock.set(Date.UTC(2026, 2, 1, 10, 30));
  const reports = await Promise.all([first.dispatchDueSchedules(), second.dispatchDueSchedules()]);
  const dispatched = reports.flatMap((r) => r.dispatched);
  const keys = dispatched.map((d) => `${d.scheduleId}@${d.occurrenceAt}`);
  expect(new Set(keys).size).toBe(keys.length);
  // Whatever lost a race is picked up by the next pass, still once.
  const again = await Promise.all([first.dispatchDueSchedules(), second.dispatchDueSchedules()]);
  const all = [...dispatched, ...again.flatMap((r) => r.dispatched)];
  expect(all).toHaveLength(20);
  const tasks = await first.listTasks({ limit: 100 });
  expect(tasks.items).toHaveLength(20);
  const runs = await a.db.selectFrom('schedule_runs').select('task_id').execute();
  expect(runs.every((r) => r.task_id !== null)).toBe(true);
  expect(runs).toHaveLength(20);
});

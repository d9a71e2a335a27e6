/**
 * `npm run bench:schedules`: 10,000 weekly schedules (500 clients in five timezones) in a
 * real SQLite file. Measures the query that finds what is due, the dispatch lag over one
 * simulated day (the scheduler sleeps until the next run, so lag = processing time), and a
 * catch-up pass after 24 hours of downtime, checking every missed occurrence fired exactly
 * once. Target: catch-up ≤ 2 s. Time is a fake clock; only processing is real.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '../src/shared/clock.js';
import { openStore } from '../src/store/index.js';
import { createRecurrence, createTaskService, type Rule } from '../src/tasks/index.js';
import { createRandom, percentile, row, sample } from './tasks-stats.js';

const SCHEDULES = Number(process.env.BENCH_SCHEDULES ?? 10_000);
const CLIENTS = 500;
const ZONES = [
  'Europe/Prague',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Los_Angeles',
];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2); // Monday 2 March 2026, 00:00Z
const who = { actor: 'bench' };
const random = createRandom(7);
const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const dir = mkdtempSync(join(tmpdir(), 'sitedesk-bench-schedules-'));
const store = await openStore({ dataDir: dir });
const clock = createFakeClock(T0);
const service = createTaskService({ store, clock });
try {
  const clients: { id: string; zone: string; site: string }[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const zone = ZONES[i % ZONES.length] as string;
    const client = await service.createClient({ name: `Client ${i}`, timezone: zone }, who);
    const site = await service.createSite(
      { clientId: client.id, name: 'Web', kind: 'git', url: `https://c${i}.example.com` },
      who,
    );
    clients.push({ id: client.id, zone, site: site.id });
  }
  const rules: { id: string; zone: string; rule: Rule }[] = [];
  const createStart = performance.now();
  for (let i = 0; i < SCHEDULES; i++) {
    const c = clients[i % CLIENTS] as (typeof clients)[number];
    const rule: Rule = {
      kind: 'rrule',
      expression: `FREQ=WEEKLY;BYDAY=${days[Math.floor(random() * 7)]};BYHOUR=${6 + Math.floor(random() * 15)};BYMINUTE=${5 * Math.floor(random() * 12)}`,
    };
    const schedule = await service.createSchedule(
      {
        clientId: c.id,
        name: `Weekly ${i}`,
        rule,
        siteIds: [c.site],
        template: {
          title: 'Specials {{date}}',
          slug: 'specials-{{date}}',
          markdown: 'This week at {{client.name}}: {{weekday}} specials.',
        },
      },
      who,
    );
    rules.push({ id: schedule.id, zone: c.zone, rule });
  }
  const createMs = performance.now() - createStart;
  console.log(
    `sitedesk bench:schedules — ${SCHEDULES.toLocaleString('en')} weekly schedules, ${CLIENTS} clients in ${ZONES.length} timezones (SQLite WAL file, Node ${process.version})`,
  );
  console.log(
    `create schedules: ${(SCHEDULES / (createMs / 1000)).toFixed(0)} /s (${(createMs / 1000).toFixed(1)} s)`,
  );

  // 1. Finding what is due: the scheduler's query, at random moments of the first week.
  const findDue = await sample(500, () =>
    store.db
      .selectFrom('schedules')
      .select('id')
      .where('enabled', '=', 1)
      .where(
        'next_run_at',
        '<=',
        new Date(T0 + Math.floor(random() * 2 * 3_600_000) + 6 * 3_600_000).toISOString(),
      )
      .orderBy('id')
      .limit(500)
      .execute(),
  );
  console.log(row('find due schedules (query, ≤500 rows)', findDue));

  // 2. One simulated day: the loop wakes at each next run; lag is the real time of the pass.
  const passMs: number[] = [];
  const lagPerOccurrence: number[] = [];
  let day1 = 0;
  for (;;) {
    const next = await store.db
      .selectFrom('schedules')
      .select('next_run_at')
      .where('enabled', '=', 1)
      .orderBy('next_run_at')
      .limit(1)
      .executeTakeFirst();
    const at = next?.next_run_at ? Date.parse(next.next_run_at) : Infinity;
    if (at > T0 + DAY) break;
    await clock.set(at);
    const start = performance.now();
    const report = await service.dispatchDueSchedules();
    const took = performance.now() - start;
    passMs.push(took);
    // Each occurrence of the pass is committed at most `took` after it was due.
    for (const d of report.dispatched) lagPerOccurrence.push(d.lagMs + took);
    day1 += report.dispatched.length;
  }
  console.log(`day 1: ${day1} occurrences in ${passMs.length} passes`);
  console.log(row('dispatch pass (wall time)', passMs));
  console.log(row('dispatch lag per occurrence (due → committed)', lagPerOccurrence));

  // 3. Downtime: nothing runs from the end of day 1 until 24 hours later, then one pass.
  await clock.set(T0 + DAY);
  const runsBefore = await countRuns();
  const down = T0 + 2 * DAY;
  let expected = 0;
  for (const r of rules) {
    const rec = createRecurrence({ rule: r.rule, zone: r.zone, startsAt: T0 });
    expected += rec.between(T0 + DAY, down, 10).length;
  }
  await clock.set(down);
  const start = performance.now();
  const catchUp = await service.dispatchDueSchedules();
  const catchUpMs = performance.now() - start;
  const again = await service.dispatchDueSchedules();
  const keys = new Set(catchUp.dispatched.map((d) => `${d.scheduleId}@${d.occurrenceAt}`));
  const runsAfter = await countRuns();
  const tasks = await store.db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `catch-up after 24 h downtime: ${catchUp.dispatched.length} occurrences (expected ${expected}) in ${(catchUpMs / 1000).toFixed(2)} s` +
      ` — ${catchUpMs <= 2000 ? 'within' : 'OVER'} the 2 s target; errors ${catchUp.errors.length}`,
  );
  const exactlyOnce =
    catchUp.dispatched.length === expected &&
    keys.size === expected &&
    again.dispatched.length === 0 &&
    runsAfter - runsBefore === expected &&
    Number(tasks.n) === runsAfter;
  console.log(
    `exactly once: ${exactlyOnce ? 'yes' : 'NO'} (distinct ${keys.size}, second pass ${again.dispatched.length}, run rows +${runsAfter - runsBefore}, tasks ${tasks.n} = runs ${runsAfter})`,
  );
  console.log(
    `catch-up lag p50 ${(
      percentile(
        catchUp.dispatched.map((d) => d.lagMs),
        50,
      ) / 3_600_000
    ).toFixed(1)} h of downtime per occurrence (fake clock)`,
  );
  if (!exactlyOnce) process.exitCode = 1;
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

async function countRuns(): Promise<number> {
  const r = await store.db
    .selectFrom('schedule_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

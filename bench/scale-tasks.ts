/**
 * bench:scale's third part: the task list's list and filter queries (those of bench:tasks) in
 * process, on a PostgreSQL store holding many tasks; p50/p95/max of each. Queries slower than
 * the target are explained by PostgreSQL itself: auto_explain (shipped with PostgreSQL) writes
 * the plan with its actual row counts and times (EXPLAIN ANALYZE) of every statement over the
 * target into the server log, from which the plans of the missed cases are printed.
 */
import pg from 'pg';
import { systemClock } from '../src/shared/clock.js';
import type { Store } from '../src/store/index.js';
import { openPostgresStore } from '../src/store/open-postgres.js';
import type { PostgresServer } from '../test/env/postgres/start.js';
import { createTaskService } from '../src/tasks/index.js';
import type { Seeded } from './scale-seed.js';
import { cpuMeter, cpuSeconds, postgresCpuSeconds } from './scale-cpu.js';
import { taskListCases, type TaskListCase } from './tasks-cases.js';
import { createRandom, percentile, sample } from './tasks-stats.js';

/** The in-process target, as SQLite's at 100k tasks. */
export const TARGET_MS = 10;

/** One case's figures, ms. */
export interface CaseFigures {
  label: string;
  p50: number;
  p95: number;
  max: number;
  /** CPU per query of this process and PostgreSQL together (what a quiet machine would need). */
  cpuMs: number;
}

/** The cases of bench:tasks on `store`, cursors fetched ahead; same seed each call. */
export function taskListRun(store: Store, seeded: Seeded): Promise<TaskListCase[]> {
  const service = createTaskService({ store, clock: systemClock });
  return taskListCases(service, seeded.clients, seeded.ids, createRandom(7));
}

/** Times every case `samples` times after 20 unmeasured runs. */
export async function timeCases(
  cases: TaskListCase[],
  samples: number,
  postmaster: number,
): Promise<CaseFigures[]> {
  const figures: CaseFigures[] = [];
  for (const [label, run] of cases) {
    await sample(20, run);
    const meter = cpuMeter({
      bench: () => cpuSeconds([process.pid]),
      postgres: () => postgresCpuSeconds(postmaster),
    });
    const times = await sample(samples, run);
    const used = meter.since();
    figures.push({
      label,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      cpuMs: ((used.bench + used.postgres) * 1000) / samples,
    });
  }
  return figures;
}

/**
 * Turns auto_explain on for every new session of `database` (the store's pool opens new ones
 * when reopened): statements over `thresholdMs` are logged with their EXPLAIN ANALYZE plan.
 */
export function autoExplainSettings(database: string, thresholdMs: number): string[] {
  return [
    `ALTER DATABASE ${database} SET session_preload_libraries = 'auto_explain'`,
    `ALTER DATABASE ${database} SET auto_explain.log_min_duration = '${thresholdMs}ms'`,
    `ALTER DATABASE ${database} SET auto_explain.log_analyze = on`,
    `ALTER DATABASE ${database} SET auto_explain.log_buffers = on`,
    `ALTER DATABASE ${database} SET auto_explain.log_timing = on`,
  ];
}

/**
 * The plans auto_explain logged after `offset` in `log`: per statement the run PostgreSQL
 * executed fastest (the least disturbed by other work on the machine), slowest statements first.
 */
export function loggedPlans(log: string, offset: number, max = 4): { ms: number; plan: string }[] {
  const entries = log
    .slice(offset)
    .split(/\n(?=\d{4}-\d\d-\d\d )/)
    .filter((e) => e.includes('Query Text:'));
  const byQuery = new Map<string, { ms: number; plan: string }>();
  for (const entry of entries) {
    // The top node's actual total time: the execution, without waiting for a core.
    const ms = Number(/actual time=[\d.]+\.\.([\d.]+)/.exec(entry)?.[1] ?? 0);
    const query = /Query Text: (.*)/.exec(entry)?.[1] ?? entry;
    const kept = byQuery.get(query);
    const plan = entry.slice(entry.indexOf('Query Text:')).trim();
    if (!kept || ms < kept.ms) byQuery.set(query, { ms, plan });
  }
  return [...byQuery.values()].sort((a, b) => b.ms - a.ms).slice(0, max);
}

/** One planner setting's figures and the plans of the cases it missed. */
export interface PlannerRun {
  name: string;
  figures: CaseFigures[];
  plans: { ms: number; plan: string }[];
}

/**
 * Times every case on the database `database` twice: with PostgreSQL's own planner costs
 * ("before") and as sitedesk opens it (PLANNER_OPTIONS, "after"); then runs each case that
 * missed the target again under auto_explain (it slows every statement, so not while timing).
 */
export async function taskListBeforeAfter(
  postgres: PostgresServer,
  database: string,
  seeded: Seeded,
  samples: number,
): Promise<PlannerRun[]> {
  const url = postgres.url(database);
  const runs: PlannerRun[] = [];
  for (const [name, plannerDefaults] of [
    ['before: PostgreSQL defaults (random_page_cost 4)', true],
    ['after: as sitedesk opens it (random_page_cost 1.1)', false],
  ] as const) {
    let store = await openPostgresStore(url, { plannerDefaults });
    const figures = await timeCases(await taskListRun(store, seeded), samples, postgres.pid);
    await store.close();
    const missed = figures.filter((c) => c.p95 > TARGET_MS).map((c) => c.label);
    let plans: PlannerRun['plans'] = [];
    if (missed.length > 0) {
      await runSql(postgres.url(), autoExplainSettings(database, 0));
      store = await openPostgresStore(url, { plannerDefaults });
      const cases = await taskListRun(store, seeded);
      const logStart = postgres.log().length;
      for (const [label, run] of cases) if (missed.includes(label)) await sample(5, run);
      plans = loggedPlans(postgres.log(), logStart);
      await store.close();
      await runSql(postgres.url(), [`ALTER DATABASE ${database} RESET ALL`]);
    }
    runs.push({ name, figures, plans });
  }
  return runs;
}

/** Runs `statements` in one session on `url`. */
async function runSql(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

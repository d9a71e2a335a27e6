/**
 * bench:scale's third part: the task list's list and filter queries (those of bench:tasks) in
 * process, on a PostgreSQL store holding many tasks; p50/p95/max of each. Queries slower than
 * the target are explained by PostgreSQL itself: auto_explain (shipped with PostgreSQL) writes
 * the plan with its actual row counts and times (EXPLAIN ANALYZE) of every statement over the
 * target into the server log, from which the plans of the missed cases are printed.
 */
import { systemClock } from '../src/shared/clock.js';
import type { Store } from '../src/store/index.js';
import { createTaskService } from '../src/tasks/index.js';
import type { Seeded } from './scale-seed.js';
import { cpuMeter, cpuSeconds, postgresCpuSeconds } from './scale-cpu.js';
import { taskListCases, type TaskListCase } from './tasks-cases.js';
import { createRandom, percentile, sample } from './tasks-stats.js';

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

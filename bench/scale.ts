/**
 * `npm run bench:scale` (issue 22): sitedesk on one real PostgreSQL 15 (test/env/postgres) with
 * 1, 2 and 3 instances on this machine, side by side in one run:
 *   1. tasks   — the task list at 1,000,000 tasks in process: p50/p95 of the list and filter
 *                queries of bench:tasks (target p95 ≤ 10 ms, as SQLite at 100k); plans of any
 *                query over the target (auto_explain, EXPLAIN ANALYZE) are printed;
 *   2. api     — the task list API answered by 1, 2, 3 `sitedesk serve --no-worker` on that
 *                database, autocannon spreading a fixed number of connections round robin over
 *                them: req/s, p50/p95, and where the CPU went (instances, PostgreSQL, client);
 *   3. publish — 1, 2, 3 `sitedesk worker` publishing the same number of items to real git
 *                sites (test/env/git) through the job queue: jobs/s and where the CPU went.
 * Sizes: flags or BENCH_SCALE_* (bench/scale-options.ts), e.g. `npm run bench:scale -- --tasks
 * 100000 --duration 5 --items 60` for a quick run. Figures and how to read them on 2 cores:
 * docs/performance.md#several-instances-on-postgresql.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../src/store/index.js';
import { startPostgres } from '../test/env/postgres/start.js';
import { scaleOptions } from './scale-options.js';
import { seedManyTasks } from './scale-seed.js';
import {
  taskListBeforeAfter,
  TARGET_MS,
  type CaseFigures,
  type PlannerRun,
} from './scale-tasks.js';
import { apiCases, measureApi, type ApiFigures } from './scale-api.js';
import { apiToken, instanceEnv } from './scale-instances.js';
import { measurePublishing, type PublishFigures } from './scale-publish.js';

const options = scaleOptions(process.argv.slice(2), process.env);
const CORES = availableParallelism();
const f = (n: number, digits = 2) => n.toFixed(digits);
const summary: string[] = [];
/** What the figures mean on this machine (docs/performance.md says the same). */
const TWO_CORES = [
  `What ${CORES} cores allow: every instance, PostgreSQL, the load client and the sites share the`,
  'same cores, so requests per second can never pass cores ÷ CPU per request ("at most" above).',
  'A second or third instance does not make a request cheaper (its CPU per request stays the',
  'same or grows with the switching), so it cannot raise that ceiling: once one instance and',
  'its PostgreSQL backends keep both cores busy, more instances only share them, and 3 cannot',
  'be 3×. Publishing grows with workers only while they wait on the sites (network delay) rather',
  'than compute; then the git sites, PostgreSQL and the workers fill the cores the same way.',
  'Several instances pay off on several machines (cores of their own; PostgreSQL on its own',
  'machine) and for staying up when one dies, not on one 2-core machine. "machine busy"',
  'counts all work on the machine, other programs too: read the ceilings, not the wall times,',
  'when it is near the number of cores.',
];

console.log(
  `sitedesk bench:scale — PostgreSQL 15, ${options.tasks.toLocaleString('en')} tasks across ${options.clients} clients, Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)}`,
);
const postgres = await startPostgres();
const dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-bench-scale-'));
try {
  const url = await postgres.createDatabase('scale');
  let store = await openStore({ dataDir, databaseUrl: url });
  const seedStart = performance.now();
  let shown = 0;
  const seeded = await seedManyTasks(store, url, options, (done) => {
    if (done - shown >= 100_000 || done === options.tasks) {
      shown = done;
      process.stdout.write(`\r  seeding: ${done.toLocaleString('en')} tasks`);
    }
  });
  process.stdout.write('\n');
  // What a long-running install has: autovacuum's statistics and visibility map.
  await sql`VACUUM ANALYZE`.execute(store.db);
  console.log(
    `seeded ${options.tasks.toLocaleString('en')} tasks with their history (multi-row INSERT) and VACUUM ANALYZE in ${f((performance.now() - seedStart) / 1000, 1)} s`,
  );

  if (options.parts.has('tasks')) {
    await store.close();
    printTaskList(await taskListBeforeAfter(postgres, 'scale', seeded, options.samples));
    store = await openStore({ dataDir, databaseUrl: url });
  }
  if (options.parts.has('api')) {
    const token = await apiToken(store);
    console.log('');
    console.log(
      `The task list API on ${options.tasks.toLocaleString('en')} tasks: ${options.connections} connections spread round robin over the instances, ${options.duration} s per case`,
    );
    const env = instanceEnv(url, dataDir);
    const cases = apiCases(seeded.clients[7] ?? '');
    const api = await measureApi(
      env,
      token,
      { ...options, cases, postmaster: postgres.pid },
      (a) => {
        const cpu = a.cpuMs.instances + a.cpuMs.postgres + a.cpuMs.client;
        console.log(
          `  ${a.instances} × serve --no-worker, ${a.label}: ${Math.round(a.requestsPerSecond).toLocaleString('en')} req/s, p50 ${f(a.p50, 1)} ms, p95 ${f(a.p95, 1)} ms, errors ${a.errors}`,
        );
        console.log(
          `      CPU per request ${f(cpu)} ms (instances ${f(a.cpuMs.instances)}, PostgreSQL ${f(a.cpuMs.postgres)}, load client ${f(a.cpuMs.client)}) → at most ${Math.round((CORES * 1000) / cpu).toLocaleString('en')} req/s on ${CORES} cores; machine busy ${f(a.busyCores, 1)} cores`,
        );
      },
    );
    summary.push(...apiSummary(api, cases));
  }
  await store.close();
  if (options.parts.has('publish')) {
    console.log('');
    console.log(
      `Publishing: ${options.items} items to ${options.sites} git sites (${options.siteLatencyMs} ms added per request), sitedesk worker --concurrency ${options.concurrency} each, one serve --no-worker taking the publish requests`,
    );
    const publish = await measurePublishing(postgres, dataDir, options, (p) => {
      const cpu = p.cpuMs.workers + p.cpuMs.postgres + p.cpuMs.sites;
      console.log(
        `  ${p.workers} × worker: ${p.jobs} jobs in ${f(p.seconds, 1)} s = ${f(p.jobsPerSecond)} jobs/s, failed ${p.failed}`,
      );
      console.log(
        `      CPU per job ${f(cpu, 0)} ms (workers ${f(p.cpuMs.workers, 0)}, PostgreSQL ${f(p.cpuMs.postgres, 0)}, git sites and this process ${f(p.cpuMs.sites, 0)}) → at most ${f((CORES * 1000) / cpu, 1)} jobs/s on ${CORES} cores; machine busy ${f(p.busyCores, 1)} cores`,
      );
    });
    summary.push(...publishSummary(publish));
  }
} finally {
  await postgres.dispose();
  await rm(dataDir, { recursive: true, force: true });
}
if (summary.length > 0) {
  console.log('');
  console.log(`Side by side (1 instance = 1.00×), load average now ${loadavg()[0]?.toFixed(1)}:`);
  for (const line of summary) console.log(`  ${line}`);
  console.log('');
  for (const line of TWO_CORES) console.log(line);
}

function printTaskList(runs: PlannerRun[]): void {
  const [before, after] = runs;
  if (!before || !after) return;
  console.log('');
  console.log(
    `The task list in process at ${options.tasks.toLocaleString('en')} tasks (${options.samples} runs each; target p95 ≤ ${TARGET_MS} ms; CPU: this process and PostgreSQL per query, ms)`,
  );
  console.log(
    `  ${''.padEnd(50)} ${'before: p50    p95    CPU'.padEnd(30)} after: p50    p95    CPU`,
  );
  const cells = (c: CaseFigures | undefined) =>
    c
      ? `${f(c.p50).padStart(10)} ${f(c.p95).padStart(6)} ${f(c.cpuMs).padStart(6)} ${c.p95 <= TARGET_MS ? 'MET   ' : 'MISSED'}`
      : '';
  for (const [i, c] of before.figures.entries())
    console.log(`  ${c.label.padEnd(50)} ${cells(c)}   ${cells(after.figures[i])}`);
  console.log(`  ${before.name}; ${after.name}`);
  for (const run of runs) {
    if (run.plans.length === 0) continue;
    console.log('');
    console.log(
      `Plans of the queries missed ${run.name.split(':')[0]} as PostgreSQL ran them (auto_explain: EXPLAIN ANALYZE, the fastest of 5 runs, slowest first):`,
    );
    for (const { ms, plan } of run.plans)
      console.log(`  executed in ${f(ms)} ms:\n${plan.replace(/^/gm, '    ')}\n`);
  }
}

function apiSummary(figures: ApiFigures[], cases: [string, string][]): string[] {
  return cases.map(([label]) => {
    const rows = figures.filter((a) => a.label === label);
    const base = rows[0]?.requestsPerSecond ?? NaN;
    const cells = rows.map(
      (a) =>
        `${a.instances}: ${Math.round(a.requestsPerSecond).toLocaleString('en')} req/s p95 ${f(a.p95, 1)} ms (${f(a.requestsPerSecond / base)}×)`,
    );
    return `${label.padEnd(48)} ${cells.join('  |  ')}`;
  });
}

function publishSummary(figures: PublishFigures[]): string[] {
  const base = figures[0]?.jobsPerSecond ?? NaN;
  const cells = figures.map(
    (p) => `${p.workers}: ${f(p.jobsPerSecond)} jobs/s (${f(p.jobsPerSecond / base)}×)`,
  );
  return [`${'publishing, workers'.padEnd(48)} ${cells.join('  |  ')}`];
}

/**
 * `npm run bench:api`: 100,000 tasks in a SQLite file (WAL), the real app in its own process
 * (compiled JavaScript) on 127.0.0.1, and autocannon (100 connections, 30 s each; BENCH_DURATION=seconds to change)
 * against the task list and a filtered query, authenticated with an API token.
 * Prints p50/p95/p99 latency, requests per second, errors and the server's peak RSS.
 * Targets (issue 7): p95 ≤ 10 ms, 0 errors, RSS ≤ 250 MB.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { seedTasks } from './api-seed.js';
import { percentile } from './tasks-stats.js';

const DURATION = Number(
  process.env.BENCH_DURATION ??
    process.argv.find((a) => a.startsWith('--duration='))?.split('=')[1] ??
    30,
);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const MB = 1024 * 1024;

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 500);

interface Ready {
  type: 'ready';
  port: number;
  token: string;
  rssAtStart: number;
}
interface Stats {
  type: 'stats';
  peakRss: number;
  maxRssLifetime: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

// The server runs as plain JavaScript, the way `npm start` runs it: under tsx its RSS would
// include some 60 MB of the TypeScript loader. Bundled into node_modules/.cache so that the
// packages (kept external) resolve from the project.
const serverFile = join(
  import.meta.dirname,
  '..',
  'node_modules',
  '.cache',
  'sitedesk-bench-api',
  'server.mjs',
);
await build({
  entryPoints: [join(import.meta.dirname, 'api-server.ts')],
  outfile: serverFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const dir = mkdtempSync(join(tmpdir(), 'sitedesk-bench-api-'));
const seedStart = performance.now();
const clientIds = await seedTasks(dir, TASKS, CLIENTS);
const seedMs = performance.now() - seedStart;
console.log(
  `sitedesk bench:api — ${TASKS.toLocaleString('en')} tasks across ${CLIENTS} clients (SQLite WAL file, Node ${process.version})`,
);
console.log(`seeded through the task service in ${(seedMs / 1000).toFixed(1)} s`);
console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per case, API token auth`);
const cases: [string, string][] = [
  ['task list, newest first (page of 50)', '/api/v1/tasks'],
  [
    'filtered: client + status open/in_progress + soonest due',
    `/api/v1/tasks?clientId=${clientIds[7] ?? ''}&status=open,in_progress&order=due`,
  ],
];
let failed = false;
try {
  // First as shipped (every request reaches SQLite), then with the optional task-list
  // micro-cache (`listCacheMs: 1000`).
  for (const cacheMs of [0, 1000]) {
    if (!(await runServer(cacheMs))) failed = true;
  }
  console.log('');
  console.log(
    `targets (p95 ≤ 10 ms, 0 errors, RSS ≤ 250 MB) as shipped (no cache): ${failed ? 'MISSED' : 'met'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts the server with the list cache at `cacheMs`, runs every case, stops it; true when on target. */
async function runServer(cacheMs: number): Promise<boolean> {
  const child = fork(serverFile, [dir], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_LIST_CACHE_MS: String(cacheMs) },
  });
  let ok = true;
  try {
    const ready = await next<Ready>(child, 'ready');
    console.log('');
    console.log(
      `server (list cache ${cacheMs ? `${cacheMs} ms` : 'off'}) on http://127.0.0.1:${ready.port}, RSS at start ${(ready.rssAtStart / MB).toFixed(0)} MB`,
    );
    for (const [label, path] of cases) {
      // Every response time is kept so the percentiles are exact (autocannon's own table has
      // p90 and p97.5 but no p95).
      const times: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: `http://127.0.0.1:${ready.port}${path}`,
            connections: CONNECTIONS,
            duration: DURATION,
            headers: { authorization: `Bearer ${ready.token}` },
          },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) =>
          times.push(ms),
        );
      });
      child.send({ type: 'stats' });
      const stats = await next<Stats>(child, 'stats');
      const errors = result.errors + result.timeouts + result.non2xx;
      const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p).toFixed(2));
      console.log(`  ${label}`);
      console.log(
        `    latency p50 ${p50} ms  p95 ${p95} ms  p99 ${p99} ms  max ${result.latency.max} ms`,
      );
      console.log(
        `    ${Math.round(result.requests.average).toLocaleString('en')} req/s (${result.requests.total.toLocaleString('en')} requests), errors ${errors} (non-2xx ${result.non2xx}, timeouts ${result.timeouts})`,
      );
      console.log(
        `    server peak RSS so far ${(stats.peakRss / MB).toFixed(0)} MB (kernel maxRSS ${(stats.maxRssLifetime / MB).toFixed(0)} MB; V8 heap ${(stats.heapTotal / MB).toFixed(0)} MB, external ${(stats.external / MB).toFixed(0)} MB)`,
      );
      if (!cacheMs && (percentile(times, 95) > 10 || errors > 0 || stats.peakRss > 250 * MB))
        ok = false;
    }
  } finally {
    if (child.connected) child.send({ type: 'stop' });
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
  return ok;
}

/**
 * `npm run bench:queue`: pg-boss 10 and graphile-worker 0.16 on our workload, side by side on
 * one real PostgreSQL 15 (test/env/postgres), each in a database of its own. Per queue, two
 * worker processes (bench/queue-worker.ts, 4 jobs at once each) and three phases:
 *   1. latency — 30 jobs enqueued one every 150 ms to idle workers: enqueue → start;
 *   2. burst — N publication-like jobs (hold 20–200 ms, like a publish to a fast site), each
 *      enqueued twice with the same singleton key (pg-boss) / job key (graphile-worker): jobs/s
 *      from the first enqueue to the last finish, and how many items ran more than once;
 *   3. takeover — one job holding 4 s; its worker is killed with SIGKILL mid-job; how long
 *      until another worker starts it again (waits at most BENCH_QUEUE_TAKEOVER_WAIT_S, 30 s).
 * Prints medians and the ratios pg-boss / graphile-worker. BENCH_QUEUE_JOBS sets N (300).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { makeWorkerUtils, runMigrations } from 'graphile-worker';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { startPostgres } from '../test/env/postgres/start.js';
import { BENCH_QUEUE, PG_BOSS_TIMING, type BenchJob } from './queue-shape.js';
import { createRandom, percentile } from './tasks-stats.js';

const JOBS = Number(process.env.BENCH_QUEUE_JOBS ?? 300);
const TAKEOVER_WAIT_MS = Number(process.env.BENCH_QUEUE_TAKEOVER_WAIT_S ?? 30) * 1000;
const WORKERS = 2;
const CONCURRENCY = 4;
type Kind = 'pg-boss' | 'graphile-worker';

/** What one queue measured. */
interface Figures {
  enqueueMs: number[];
  latencyMs: number[];
  jobsPerSecond: number;
  burstSeconds: number;
  doubled: number;
  missing: number;
  takeoverMs: number | undefined;
}

/** Enqueues one job with a key per item; answers whether the queue took it (not a duplicate). */
type Enqueue = (job: BenchJob) => Promise<boolean>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openQueue(
  kind: Kind,
  url: string,
): Promise<{ enqueue: Enqueue; close(): Promise<void> }> {
  if (kind === 'pg-boss') {
    const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false });
    boss.on('error', (error: Error) => console.error(`pg-boss: ${error.message}`));
    await boss.start();
    // short, as sitedesk's queues (docs/decisions/job-queue.md "Not stately"): at most one
    // waiting job per key — a second enqueue of a publication that is already waiting is
    // refused, one enqueued while it runs is a job of its own.
    await boss.createQueue(BENCH_QUEUE, {
      name: BENCH_QUEUE,
      policy: 'short',
      retryLimit: 5,
      retryDelay: PG_BOSS_TIMING.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: PG_BOSS_TIMING.expireSeconds,
    });
    return {
      enqueue: async (job) =>
        (await boss.send(BENCH_QUEUE, job, { singletonKey: `item-${job.item}` })) !== null,
      close: () => boss.stop({ graceful: false, wait: true }),
    };
  }
  await runMigrations({ connectionString: url });
  const utils = await makeWorkerUtils({ connectionString: url });
  return {
    enqueue: async (job) => {
      // unsafe_dedupe: a job with this key already waiting or running is kept as it is.
      const added = await utils.addJob(BENCH_QUEUE, job, {
        jobKey: `item-${job.item}`,
        jobKeyMode: 'unsafe_dedupe',
        maxAttempts: 6,
      });
      return (
        added.payload !== undefined && (added.payload as BenchJob).enqueuedMs === job.enqueuedMs
      );
    },
    close: async () => {
      await utils.release();
    },
  };
}

function startWorker(kind: Kind, url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL('./queue-worker.ts', import.meta.url).pathname,
      kind,
      url,
      String(CONCURRENCY),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} worker exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line === 'ready') resolve(child);
    });
  });
}

async function waitFor<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined || Date.now() > until) return found;
    await sleep(25);
  }
}

async function measure(kind: Kind, url: string): Promise<Figures> {
  const db = new pg.Pool({ connectionString: url, max: 2 });
  await db.query(
    'create table runs (id bigserial primary key, item int not null, worker text not null, started_ms bigint not null, finished_ms bigint)',
  );
  const queue = await openQueue(kind, url);
  const workers: ChildProcess[] = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(kind, url));
  const finished = async (count: number) => {
    const { rows } = await db.query<{ n: string }>(
      'select count(distinct item) as n from runs where finished_ms is not null',
    );
    return Number(rows[0]?.n) >= count ? true : undefined;
  };
  try {
    // 1. Latency to idle workers.
    const enqueueMs: number[] = [];
    const enqueuedAt = new Map<number, number>();
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      enqueuedAt.set(i, Date.now());
      await queue.enqueue({ item: i, holdMs: 50, enqueuedMs: Date.now() });
      enqueueMs.push(performance.now() - start);
      await sleep(150);
    }
    await waitFor('latency jobs', 60_000, () => finished(30));
    const { rows: starts } = await db.query<{ item: number; started_ms: string }>(
      'select item, min(started_ms) as started_ms from runs group by item',
    );
    const latencyMs = starts.map((s) => Number(s.started_ms) - (enqueuedAt.get(s.item) ?? NaN));

    // 2. Burst: every item enqueued twice with the same key, all at once.
    const random = createRandom(11);
    const burstStart = Date.now();
    const first = 1000;
    await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => {
        const job = {
          item: first + i,
          holdMs: 20 + Math.floor(random() * 180),
          enqueuedMs: Date.now(),
        };
        await queue.enqueue(job);
        await queue.enqueue({ ...job, enqueuedMs: Date.now() });
      }),
    );
    await waitFor('burst', 300_000, () => finished(30 + JOBS));
    const { rows: burst } = await db.query<{ last: string; runs: string; items: string }>(
      'select max(finished_ms) as last, count(*) as runs, count(distinct item) as items from runs where item >= $1',
      [first],
    );
    const burstSeconds = (Number(burst[0]?.last) - burstStart) / 1000;
    const doubled = Number(burst[0]?.runs) - Number(burst[0]?.items);
    const missing = JOBS - Number(burst[0]?.items);

    // 3. Takeover after SIGKILL mid-job.
    const item = 99_999;
    await queue.enqueue({ item, holdMs: 4000, enqueuedMs: Date.now() });
    const holder = await waitFor('long job start', 30_000, async () => {
      const { rows } = await db.query<{ worker: string }>(
        'select worker from runs where item = $1',
        [item],
      );
      return rows[0]?.worker;
    });
    const pid = Number(holder?.split(':')[1]);
    const killed = workers.find((w) => w.pid === pid);
    await sleep(300);
    killed?.kill('SIGKILL');
    const killedAt = Date.now();
    const again = await waitFor('takeover', TAKEOVER_WAIT_MS, async () => {
      const { rows } = await db.query<{ started_ms: string }>(
        'select started_ms from runs where item = $1 and worker <> $2',
        [item, holder],
      );
      return rows[0] ? Number(rows[0].started_ms) : undefined;
    });
    return {
      enqueueMs,
      latencyMs,
      jobsPerSecond: JOBS / burstSeconds,
      burstSeconds,
      doubled,
      missing,
      takeoverMs: again === undefined ? undefined : again - killedAt,
    };
  } finally {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await queue.close();
    await db.end();
  }
}

const server = await startPostgres();
const figures = new Map<Kind, Figures>();
try {
  for (const kind of ['pg-boss', 'graphile-worker'] as const) {
    const url = await server.createDatabase(kind === 'pg-boss' ? 'bench_pgboss' : 'bench_graphile');
    console.log(`measuring ${kind} …`);
    figures.set(kind, await measure(kind, url));
  }
} finally {
  await server.dispose();
}
print();

function print(): void {
  const a = figures.get('pg-boss') as Figures;
  const b = figures.get('graphile-worker') as Figures;
  const f = (n: number | undefined, digits = 1) => (n === undefined ? 'none' : n.toFixed(digits));
  const line = (label: string, x: number | undefined, y: number | undefined, digits = 1) =>
    console.log(
      `${label.padEnd(40)} ${f(x, digits).padStart(12)} ${f(y, digits).padStart(16)} ${
        x !== undefined && y !== undefined && y !== 0 ? (x / y).toFixed(2).padStart(8) : '       –'
      }`,
    );
  console.log(
    `\n${WORKERS} worker processes × ${CONCURRENCY} jobs at once, ${JOBS} jobs in the burst`,
  );
  console.log(
    `${''.padEnd(40)} ${'pg-boss 10'.padStart(12)} ${'graphile-worker'.padStart(16)} ${'ratio'.padStart(8)}`,
  );
  line('enqueue, median ms', percentile(a.enqueueMs, 50), percentile(b.enqueueMs, 50), 2);
  line(
    'enqueue → start to idle workers, median ms',
    percentile(a.latencyMs, 50),
    percentile(b.latencyMs, 50),
  );
  line('enqueue → start, p95 ms', percentile(a.latencyMs, 95), percentile(b.latencyMs, 95));
  line('burst throughput, jobs/s', a.jobsPerSecond, b.jobsPerSecond);
  line('burst duration, s', a.burstSeconds, b.burstSeconds);
  line('items run twice (key enqueued twice)', a.doubled, b.doubled, 0);
  line('items never run', a.missing, b.missing, 0);
  line(
    `takeover after SIGKILL, s (wait ≤ ${TAKEOVER_WAIT_MS / 1000} s)`,
    a.takeoverMs === undefined ? undefined : a.takeoverMs / 1000,
    b.takeoverMs === undefined ? undefined : b.takeoverMs / 1000,
  );
}

/**
 * One worker process of `npm run bench:queue` (bench/queue.ts starts two per queue and kills
 * one with SIGKILL). Usage: queue-worker.ts <pg-boss|graphile-worker> <database url> <jobs at
 * once>. Each job holds for its payload's `holdMs` (a simulated publish) and records its start
 * and end in the table `runs`, so the parent counts runs per item from the database itself.
 * Prints "ready" once it takes jobs.
 */
import { run } from 'graphile-worker';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { BENCH_QUEUE, PG_BOSS_TIMING, type BenchJob } from './queue-shape.js';

const [kind, url, concurrencyText] = process.argv.slice(2);
if (!url || (kind !== 'pg-boss' && kind !== 'graphile-worker')) {
  console.error('usage: queue-worker.ts <pg-boss|graphile-worker> <database url> <concurrency>');
  process.exit(2);
}
const concurrency = Number(concurrencyText ?? 4);
const results = new pg.Pool({ connectionString: url, max: concurrency + 1 });
const worker = `${kind}:${process.pid}`;

async function hold(job: BenchJob): Promise<void> {
  const { rows } = await results.query<{ id: string }>(
    'insert into runs (item, worker, started_ms) values ($1, $2, $3) returning id',
    [job.item, worker, Date.now()],
  );
  await new Promise((resolve) => setTimeout(resolve, job.holdMs));
  await results.query('update runs set finished_ms = $1 where id = $2', [Date.now(), rows[0]?.id]);
}

if (kind === 'pg-boss') {
  const boss = new PgBoss({
    connectionString: url,
    max: concurrency + 2,
    migrate: false,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: PG_BOSS_TIMING.maintenanceSeconds,
  });
  boss.on('error', (error: Error) => console.error(`pg-boss: ${error.message}`));
  await boss.start();
  // pg-boss 10 has no per-worker concurrency: each work() is one polling loop of its own.
  for (let i = 0; i < concurrency; i++)
    await boss.work<BenchJob>(
      BENCH_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: PG_BOSS_TIMING.pollingSeconds },
      async ([job]) => {
        if (job) await hold(job.data);
      },
    );
} else {
  await run({
    connectionString: url,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: undefined,
    taskList: {
      [BENCH_QUEUE]: async (payload) => hold(payload as BenchJob),
    },
  });
}
console.log('ready');

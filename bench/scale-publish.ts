/**
 * bench:scale's publishing part: 1, 2, 3 … `sitedesk worker` processes publishing the same
 * number of items to real git sites (test/env/git, one repository per site, each behind a
 * proxy adding a delay per request as across the internet), the work reaching them only
 * through the job queue. One `sitedesk serve --no-worker` takes the publish requests (POST
 * /api/v1/publish, each item to one site in turn) and hands them to the queue. Timed from the
 * first publish request to the last publication recorded as published: jobs/s, and the CPU
 * seconds per job of the workers, PostgreSQL, and this process (the git server, its git
 * processes and the proxies). A warm-up round with every worker first makes the git clones,
 * so each measured round starts warm.
 */
import { openStore } from '../src/store/index.js';
import type { PostgresServer } from '../test/env/postgres/start.js';
import { mapLimit, registerFleet, startFleet } from '../test/integration/crash/fleet.js';
import { cpuMeter, cpuSeconds, cpuWithChildrenSeconds, postgresCpuSeconds } from './scale-cpu.js';
import {
  apiToken,
  instanceEnv,
  startApiInstance,
  startWorker,
  type WorkerProcess,
} from './scale-instances.js';

/** What one round measured with `workers` workers. */
export interface PublishFigures {
  workers: number;
  jobs: number;
  seconds: number;
  jobsPerSecond: number;
  failed: number;
  /** CPU ms per job: the workers together, PostgreSQL, the sites and this process. */
  cpuMs: { workers: number; postgres: number; sites: number };
  busyCores: number;
}

/** The settings of the publishing part. */
export interface PublishSetting {
  instances: number[];
  items: number;
  sites: number;
  concurrency: number;
  siteLatencyMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a round per worker count (ascending) in a database of its own on `postgres`. */
export async function measurePublishing(
  postgres: PostgresServer,
  dataDir: string,
  setting: PublishSetting,
  report: (figures: PublishFigures) => void,
): Promise<PublishFigures[]> {
  const url = await postgres.createDatabase('scale_publish');
  const env = instanceEnv(url, dataDir);
  const fleet = await startFleet(
    { wordpress: 0, ghost: 0, git: setting.sites },
    { prefix: 'bench', latencyMs: setting.siteLatencyMs },
  );
  const store = await openStore({ dataDir, databaseUrl: url });
  const stops: (() => Promise<unknown>)[] = [() => fleet.stop(), () => store.close()];
  try {
    await registerFleet(env, fleet);
    const token = await apiToken(store);
    const api = await startApiInstance(env, 'publish-api');
    stops.unshift(() => api.stop());
    const call = async <T>(path: string, body: unknown): Promise<T> => {
      const res = await fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`POST ${path} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const sites = await store.db.selectFrom('sites').select(['id', 'client_id']).execute();
    const clientId = sites[0]?.client_id ?? '';

    /** Publishes `n` new items, item i to site i mod sites; seconds until all are published. */
    const round = async (name: string, n: number) => {
      const items = await mapLimit(
        Array.from({ length: n }, (_, i) => i),
        4,
        (i) =>
          call<{ id: string }>('/api/v1/content-items', {
            clientId,
            title: `Bench ${name} ${i}`,
            slug: `bench-${name}-${i}-item`,
            markdown: `Item ${i} of round ${name}.`,
          }),
      );
      const ids = items.map((item) => item.id);
      const started = Date.now();
      await mapLimit(ids, 4, (contentItemId, i) =>
        call('/api/v1/publish', { contentItemId, siteIds: [sites[i % sites.length]?.id] }),
      );
      for (;;) {
        const rows = await store.db
          .selectFrom('publications')
          .select(['state', 'updated_at'])
          .where('content_item_id', 'in', ids)
          .execute();
        const done = rows.filter((r) => r.state === 'published' || r.state === 'failed');
        if (rows.length === n && done.length === n) {
          const last = Math.max(...done.map((r) => Date.parse(r.updated_at)));
          return {
            seconds: (last - started) / 1000,
            failed: done.filter((r) => r.state === 'failed').length,
          };
        }
        await sleep(250);
      }
    };

    const most = Math.max(...setting.instances);
    const workers: WorkerProcess[] = [];
    const startWorkers = async (count: number) => {
      for (let i = 0; i < count; i++)
        workers.push(await startWorker(env, `worker-${i + 1}`, setting.concurrency));
    };
    const stopWorkers = async () => {
      await Promise.all(workers.map((w) => w.stop()));
      workers.length = 0;
    };
    stops.unshift(stopWorkers);
    await startWorkers(most);
    await round('warm', setting.sites * most);
    await stopWorkers();

    const all: PublishFigures[] = [];
    for (const count of [...setting.instances].sort((a, b) => a - b)) {
      await startWorkers(count);
      const pids = workers.map((w) => w.child.pid ?? 0);
      const meter = cpuMeter({
        workers: () => cpuSeconds(pids),
        postgres: () => postgresCpuSeconds(postgres.pid),
        sites: () => cpuWithChildrenSeconds(process.pid),
      });
      const { seconds, failed } = await round(`w${count}`, setting.items);
      const used = meter.since();
      await stopWorkers();
      const perJob = (s: number) => (s * 1000) / setting.items;
      const figures: PublishFigures = {
        workers: count,
        jobs: setting.items,
        seconds,
        jobsPerSecond: setting.items / seconds,
        failed,
        cpuMs: {
          workers: perJob(used.workers),
          postgres: perJob(used.postgres),
          sites: perJob(used.sites),
        },
        busyCores: used.machineBusyCores,
      };
      report(figures);
      all.push(figures);
    }
    return all;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
  }
}

/**
 * The server side of `npm run bench:api`, run by bench/api.ts in its own process (bundled to
 * plain JavaScript) so its RSS is the server's alone: opens the seeded SQLite file in
 * `argv[2]`, makes an API token, listens on 127.0.0.1 and reports its peak RSS over IPC.
 * BENCH_WORKERS=n (n > 1) runs n node:cluster workers on one port instead (SQLite WAL lets
 * them all read); RSS and CPU are then the sums over the primary and its workers.
 */
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemorySecretStore } from '../src/secrets/memory-store.js';
import { createApp, requestListener } from '../src/server/app.js';
import { systemClock } from '../src/shared/clock.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { openStore } from '../src/store/index.js';
import { createAccounts } from '../src/tasks/accounts/index.js';
import { createTaskService } from '../src/tasks/index.js';

interface Stats {
  type: 'stats';
  peakRss: number;
  maxRssLifetime: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  cpu: { user: number; system: number };
  /** Task-list requests the fast lane answered / sent on to express (0/0 when it is off). */
  lane: { answered: number; passed: number };
}

const dir = process.argv[2] ?? '';
const workers = Number(process.env.BENCH_WORKERS ?? 1);
let peakRss = process.memoryUsage.rss();
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50).unref();

function ownStats(lane?: { answered: number; passed: number }): Stats {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const { heapTotal, external, arrayBuffers } = process.memoryUsage();
  // maxRSS is in KiB and covers the whole life of the process.
  return {
    type: 'stats',
    peakRss,
    maxRssLifetime: process.resourceUsage().maxRSS * 1024,
    heapTotal,
    external,
    arrayBuffers,
    cpu: process.cpuUsage(),
    lane: { answered: lane?.answered ?? 0, passed: lane?.passed ?? 0 },
  };
}

/** Adds this start's own user and token (the bench starts the server twice on one database). */
async function makeToken(): Promise<string> {
  const store = await openStore({ dataDir: dir });
  try {
    const accounts = await createAccounts({ store, clock: systemClock });
    const user = await accounts.addUser({
      username: `bench-${process.pid}`,
      password: 'bench password long',
      role: 'secretary',
    });
    return (await accounts.createApiToken(user, { name: 'bench' })).token;
  } finally {
    await store.close();
  }
}

/** One server process: the app on 127.0.0.1 (port 0: a cluster's workers share one port). */
async function serve(token: string): Promise<void> {
  const store = await openStore({ dataDir: dir });
  const tasks = createTaskService({ store, clock: systemClock });
  const accounts = await createAccounts({ store, clock: systemClock });
  const app = createApp({
    version: 'bench',
    logger: createSilentLogger(),
    secrets: { store: createMemorySecretStore(), reason: 'bench' },
    api: {
      tasks,
      accounts,
      uploadDir: `${dir}/uploads`,
      listCache: process.env.BENCH_LIST_CACHE !== 'off',
      fastLane: process.env.BENCH_FAST_LANE !== 'off',
    },
  });
  const port = (): number => (server.address() as AddressInfo).port;
  const server = createServer(requestListener(app)).listen(0, '127.0.0.1', () => {
    process.send?.({ type: 'ready', port: port(), token, rssAtStart: process.memoryUsage.rss() });
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') process.send?.(ownStats(app.locals.lane));
    if (message.type === 'floor') void startFloor(port(), token).then((at) => process.send?.(at));
    if (message.type === 'stop') {
      server.close();
      void store.close().then(() => process.exit(0));
    }
  });
}

/**
 * bench:api's floor (BENCH_FLOOR=on): a plain node:http server that answers every request with
 * the bytes and headers the app answered for the first task-list page, doing nothing else.
 */
async function startFloor(
  appPort: number,
  token: string,
): Promise<{ type: 'floor'; port: number }> {
  const page = await fetch(`http://127.0.0.1:${appPort}/api/v1/tasks`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = Buffer.from(await page.arrayBuffer());
  // Node adds these itself (fetch also drops the names' case, which does not matter here).
  const own = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  const headers = [...page.headers].filter(([name]) => !own.has(name));
  const floor = createServer((_req, res) => {
    res.writeHead(200, [...headers.flat(), 'content-length', String(body.length)]);
    res.end(body);
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  return { type: 'floor', port: (floor.address() as AddressInfo).port };
}

/** The cluster's primary: forks the workers, answers the bench with their sums. */
async function primary(token: string): Promise<void> {
  const forked: Worker[] = [];
  const ask = <T>(worker: Worker, type: string): Promise<T> =>
    new Promise((resolve) => {
      const on = (message: { type: string }) => {
        if (message.type !== type) return;
        worker.off('message', on);
        resolve(message as T);
      };
      worker.on('message', on);
    });
  const readies: Promise<{ port: number; rssAtStart: number }>[] = [];
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork({ BENCH_TOKEN: token });
    forked.push(worker);
    readies.push(ask(worker, 'ready'));
  }
  const ready = await Promise.all(readies);
  process.send?.({
    type: 'ready',
    port: ready[0]?.port,
    token,
    rssAtStart: ready.reduce((sum, r) => sum + r.rssAtStart, process.memoryUsage.rss()),
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') {
      void Promise.all(
        forked.map((w) => {
          const answer = ask<Stats>(w, 'stats');
          w.send({ type: 'stats' });
          return answer;
        }),
      ).then((all) => {
        const sum = [ownStats(), ...all].reduce((a, b) => ({
          type: 'stats',
          peakRss: a.peakRss + b.peakRss,
          maxRssLifetime: a.maxRssLifetime + b.maxRssLifetime,
          heapTotal: a.heapTotal + b.heapTotal,
          external: a.external + b.external,
          arrayBuffers: a.arrayBuffers + b.arrayBuffers,
          cpu: { user: a.cpu.user + b.cpu.user, system: a.cpu.system + b.cpu.system },
          lane: {
            answered: a.lane.answered + b.lane.answered,
            passed: a.lane.passed + b.lane.passed,
          },
        }));
        process.send?.(sum);
      });
    }
    if (message.type === 'stop') {
      for (const w of forked) w.send({ type: 'stop' });
      void Promise.all(forked.map((w) => new Promise((r) => w.once('exit', r)))).then(() =>
        process.exit(0),
      );
    }
  });
}

if (cluster.isWorker) await serve(process.env.BENCH_TOKEN ?? '');
else if (workers > 1) await primary(await makeToken());
else await serve(await makeToken());

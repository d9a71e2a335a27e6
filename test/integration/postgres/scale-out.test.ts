// Issue 22: three sitedesk instances on one real PostgreSQL — `serve --no-worker` (API only) and
// two `sitedesk worker` processes — publish a batch to three real git sites (test/env/git, each
// request delayed 100 ms so publishes take a while) while one worker is killed with SIGKILL in the
// middle of a publish. The work reaches the workers only through the job queue (pg-boss): the
// API instance asks for it, the workers take it. Every item ends on every site exactly once
// (counted in the repositories), the killed worker's publication is taken over by the other, and
// a schedule with missed occurrences fires each of them once across the instances.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../../src/shared/clock.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { startPostgres, type PostgresServer } from '../../env/postgres/start.js';
import { startServe } from '../cli/serve-process.js';
import { mapLimit, registerFleet, sitedesk, startFleet, type Fleet } from '../crash/fleet.js';
import { apiAt, firstAdminToken } from './instance-api.js';
import { sitedeskArgs } from '../../env/node-scripts.js';

const ITEMS = 4;
const OCCURRENCES = 2;
let postgres: PostgresServer | undefined;
let fleet: Fleet | undefined;
let dataDir = '';
let env: NodeJS.ProcessEnv = {};
let store: Store | undefined;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-scale-out-'));
  [postgres, fleet] = await Promise.all([
    startPostgres(),
    startFleet({ wordpress: 0, ghost: 0, git: 3 }, { prefix: 'scale', latencyMs: 100 }),
  ]);
  env = {
    SITEDESK_DATA_DIR: dataDir,
    SITEDESK_SECRET_STORE: 'file',
    SITEDESK_DATABASE_URL: await postgres.createDatabase('scale'),
    SITEDESK_LOG_LEVEL: 'info',
    USER: 'scale-out-test',
  };
  await registerFleet(env, fleet);
  store = await openStore({ dataDir, databaseUrl: env.SITEDESK_DATABASE_URL });
}, 180_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await store?.close();
  await fleet?.stop();
  await postgres?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

interface Worker {
  child: ChildProcess;
  logs: string[];
  started: Promise<void>;
}

/**
 * A data folder of its own for a worker: its warm git clones are a cache of this instance (a
 * clone a killed process left half-made must not be another's), with the same secret file.
 */
async function ownDataDir(name: string): Promise<string> {
  const dir = join(dataDir, name);
  await mkdir(dir, { mode: 0o700 });
  for (const file of ['secrets.enc', 'secrets.key'])
    await copyFile(join(dataDir, file), join(dir, file));
  return dir;
}

function startWorker(folder: string): Worker {
  const child = spawn(process.execPath, sitedeskArgs('worker', '--concurrency', '2'), {
    env: { ...process.env, ...env, SITEDESK_DATA_DIR: folder },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const logs: string[] = [];
  const started = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited ${code}:\n${logs.join('\n')}`)));
    createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      if (line.includes('runner and scheduler started')) resolve();
    });
  });
  return { child, logs, started };
}

async function states(db: Store['db']): Promise<Record<string, number>> {
  const rows = await db.selectFrom('publications').select('state').execute();
  const counts: Record<string, number> = {};
  for (const { state } of rows) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('API-only instance + two workers on one PostgreSQL: a killed worker loses and doubles nothing; schedules fire once', async () => {
  const db = store!.db;
  const sites = fleet!.sites;
  const siteRows = await db.selectFrom('sites').select(['id', 'client_id']).execute();
  const clientId = siteRows[0]!.client_id;
  const siteIds = siteRows.map((s) => s.id);
  // A schedule whose occurrences were missed while no instance ran (seeded, then its next run
  // set back two minutes): both workers find it due when they start; each occurrence fires once.
  const tasks = createTaskService({ store: store!, clock: systemClock });
  const missed = Math.floor(Date.now() / 60_000) * 60_000 - OCCURRENCES * 60_000;
  const schedule = await tasks.createSchedule(
    {
      clientId,
      name: 'Every minute',
      rule: { kind: 'cron', expression: '* * * * *' },
      startsAt: new Date(missed).toISOString(),
      count: OCCURRENCES,
      catchUp: 'all',
      siteIds,
      template: { title: 'Minute {{time}}', slug: 'sched-{{date}}-{{time}}', markdown: 'Tick.' },
    },
    { actor: 'seed' },
  );
  await db
    .updateTable('schedules')
    .set({ next_run_at: new Date(missed).toISOString() })
    .where('id', '=', schedule.id)
    .execute();
  const workers = [startWorker(await ownDataDir('w1')), startWorker(await ownDataDir('w2'))];
  const serve = await startServe(env, ['--no-worker']);
  children.add(serve.child);
  await Promise.all(workers.map((w) => w.started));
  const health = (await (await fetch(`${serve.url}/health`)).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ database: 'postgres', queue: 'pg-boss 10', role: 'api' });
  const api = apiAt(serve.url, await firstAdminToken(serve));
  // The doctor names every instance connected now with its role.
  const doctor = await sitedesk(env, ['doctor', '--json']);
  const report = JSON.parse(doctor.out) as { findings: { check: string; notes: string[] }[] };
  const queueFinding = report.findings.find((f) => f.check === 'job queue');
  const connected = queueFinding?.notes.join(' ') ?? '';
  expect(connected).toContain(`api:`);
  expect(connected.match(/\bworker:[^,]*:\d+/g)?.length).toBe(2);

  const run = randomBytes(3).toString('hex');
  const slugs: string[] = [];
  for (let i = 0; i < ITEMS; i++) {
    // No slug may begin another (fleet.ts counts git files by `/slug`).
    const slug = `scale-${run}-${i}-item`;
    slugs.push(slug);
    const item = await api<{ id: string }>('POST', '/api/v1/content-items', {
      clientId,
      title: `Scale ${run} ${i}`,
      slug,
      markdown: `Item ${i}: one copy per site.`,
    });
    await api('POST', '/api/v1/publish', { contentItemId: item.id, siteIds });
  }

  // Kill the worker that is publishing something right now.
  const pids = workers.map((w) => w.child.pid);
  const held = await until('a publication in flight', 60_000, async () => {
    const row = await db
      .selectFrom('publications')
      .select(['id', 'owner'])
      .where('state', '=', 'publishing')
      .executeTakeFirst();
    return row?.owner ? row : undefined;
  });
  const victim = workers.find((w) => held.owner?.includes(`:${w.child.pid}:`));
  expect(victim).toBeDefined();
  victim!.child.kill('SIGKILL');
  const survivor = workers.find((w) => w !== victim)!;

  const total = (ITEMS + OCCURRENCES) * sites.length;
  await until('every publication settled', 90_000, async () => {
    const now = await states(db);
    if (survivor.child.exitCode !== null) throw new Error(survivor.logs.join('\n'));
    return (now.published ?? 0) + (now.failed ?? 0) === total ? now : undefined;
  }).catch(async (error: unknown) => {
    const logs = survivor.logs.slice(-30).join('\n');
    throw new Error(`${String(error)}: ${JSON.stringify(await states(db))}\n${logs}`);
  });
  const failed = await db
    .selectFrom('publications')
    .select(['id', 'last_error', 'attempts'])
    .where('state', '=', 'failed')
    .execute();
  expect(failed).toEqual([]);
  expect(await states(db)).toEqual({ published: total });

  // The killed worker's publication was taken over; only the workers published, never the API.
  const takenOver = await db
    .selectFrom('history')
    .select('entity_id')
    .where('action', '=', 'taken_over')
    .execute();
  expect(takenOver.map((t) => t.entity_id)).toContain(held.id);
  const attempts = await db
    .selectFrom('history')
    .select('changes')
    .where('entity', '=', 'publication')
    .where('action', '=', 'attempt')
    .execute();
  const byWorker = pids.map(
    (pid) => attempts.filter((a) => String(a.changes).includes(`:${pid}:`)).length,
  );
  expect(byWorker[0]! + byWorker[1]!).toBe(attempts.length);
  expect(byWorker.every((n) => n > 0)).toBe(true);

  // Each missed occurrence fired once across the instances.
  const runs = await db
    .selectFrom('schedule_runs')
    .select(['occurrence_at', 'task_id'])
    .where('schedule_id', '=', schedule.id)
    .execute();
  expect(runs).toHaveLength(OCCURRENCES);
  const scheduled = await db
    .selectFrom('tasks as t')
    .innerJoin('publications as p', 'p.task_id', 't.id')
    .innerJoin('content_items as c', 'c.id', 'p.content_item_id')
    .select('c.slug')
    .distinct()
    .where('t.source', '=', 'schedule')
    .execute();
  expect(scheduled).toHaveLength(OCCURRENCES);

  // Exactly one copy of every item on every site, counted in the sites' repositories.
  const all = [...slugs, ...scheduled.map((s) => s.slug)];
  const copies = await mapLimit(sites, 3, async (site) => {
    const counts = await mapLimit(all, 4, (slug) => site.copies(slug));
    return [site.name, counts] as const;
  });
  expect(Object.fromEntries(copies)).toEqual(
    Object.fromEntries(sites.map((s) => [s.name, all.map(() => 1)])),
  );

  survivor.child.kill('SIGTERM');
  expect(await serve.stop()).toBe(0);
}, 240_000);

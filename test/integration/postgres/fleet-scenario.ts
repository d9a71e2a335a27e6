/**
 * Issue 22's fleet scenario, one module for the CI-sized test (fleet-kill.test.ts) and the full
 * soak (`npm run soak:scale`, bench/soak-scale.ts): three `sitedesk serve` instances (API and
 * worker each) on one real PostgreSQL publish `items` items to real sites (test/env: WordPress,
 * Ghost, git) while the third instance is killed with SIGKILL every few seconds and started
 * again on the same data folder, as systemd's Restart= would. The items go in through the API
 * of the first two, spread between them. At the end every publication must be `published` and
 * every site must hold exactly one copy of every item, counted through the site's own API.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/index.js';
import { startPostgres, type PostgresServer } from '../../env/postgres/start.js';
import { startServe, type ServeProcess } from '../cli/serve-process.js';
import {
  mapLimit,
  registerFleet,
  sitedesk,
  startFleet,
  type Fleet,
  type FleetSite,
} from '../crash/fleet.js';
import { apiAt, signedInToken, type ApiCall } from './instance-api.js';

/** How long an instance may take to start: on a loaded 2-core machine, beside two busy instances, minutes. */
const START_MS = 300_000;

/** The size of one run. */
export interface FleetScenarioOptions {
  items: number;
  sites: Record<FleetSite['kind'], number>;
  /** How long the victim runs between its start and its SIGKILL, in ms (a random ±50 % each time). */
  killEveryMs: number;
  /** How long everything may take to be published after the last item went in, in ms. */
  settleMs: number;
  /** Progress lines (the soak prints them; the test keeps them for a failure message). */
  log?: (line: string) => void;
}

/** What one run came to. */
export interface FleetFigures {
  items: number;
  sites: number;
  publications: number;
  states: Record<string, number>;
  kills: number;
  /** Kills while the victim held a publication's lease (mid-publish). */
  killsMidPublish: number;
  /** Lives of the victim that ended before their kill: exit code and last lines each. */
  exitedAlone: string[];
  /** Publications put back to pending after their holder died (history `taken_over`). */
  takenOver: number;
  /** Publish attempts per instance (a, b, and every life of the victim together). */
  attemptsBy: Record<'a' | 'b' | 'victim', number>;
  /** From the first item sent to the last publication settled, in ms. */
  publishMs: number;
  /** Fleet and instances started, in ms. */
  startMs: number;
  /** Per site: how many items have 0, 1 and more than 1 copies there. */
  copies: Record<string, { none: number; one: number; more: number }>;
  /** Items missing or doubled, `site: slug ×n` (at most 20). */
  wrong: string[];
  failed: { id: string; error: string | null }[];
}

interface Running {
  postgres: PostgresServer;
  fleet: Fleet;
  store: Store;
  root: string;
  instances: ServeProcess[];
}

/** Runs the scenario; always stops what it started. */
export async function runFleetScenario(options: FleetScenarioOptions): Promise<FleetFigures> {
  const log = options.log ?? (() => undefined);
  const began = Date.now();
  const running: Partial<Running> & Pick<Running, 'instances'> = { instances: [] };
  // A run cut short by its test's timeout never reaches `finally`: no instance outlives it.
  const killAll = (): void => {
    for (const serve of running.instances)
      if (serve.child.exitCode === null && serve.child.signalCode === null)
        serve.child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  // The sites take longest to start (Ghost most): the instances start meanwhile.
  const fleetStarting = startFleet(options.sites, { prefix: 'kill' }).then((fleet) => {
    running.fleet = fleet;
    log(`fleet up after ${Date.now() - began} ms: ${JSON.stringify(fleet.startMs)} ms`);
    return fleet;
  });
  // Its failure is thrown where it is awaited, not as an unhandled rejection before that.
  fleetStarting.catch(() => undefined);
  try {
    const root = (running.root = await mkdtemp(join(tmpdir(), 'sitedesk-fleet-kill-')));
    const postgres = (running.postgres = await startPostgres());
    return await publishUnderKills(running, { root, postgres, fleetStarting }, options, log, began);
  } finally {
    process.removeListener('exit', killAll);
    killAll();
    await running.store?.close();
    await fleetStarting.catch(() => undefined);
    await running.fleet?.stop();
    await running.postgres?.dispose();
    if (running.root) await rm(running.root, { recursive: true, force: true });
  }
}

async function publishUnderKills(
  running: Partial<Running> & Pick<Running, 'instances'>,
  {
    root,
    postgres,
    fleetStarting,
  }: { root: string; postgres: PostgresServer; fleetStarting: Promise<Fleet> },
  options: FleetScenarioOptions,
  log: (line: string) => void,
  began: number,
): Promise<FleetFigures> {
  const env: NodeJS.ProcessEnv = {
    SITEDESK_DATA_DIR: root,
    SITEDESK_SECRET_STORE: 'file',
    // One key for every instance's copy of the secret file (docs/operator/scaling.md).
    SITEDESK_MASTER_KEY: randomBytes(32).toString('hex'),
    SITEDESK_DATABASE_URL: await postgres.createDatabase('fleet'),
    SITEDESK_LOG_LEVEL: 'warn',
    USER: 'fleet-kill',
  };
  // The account beforehand (this also makes the tables), so that the three instances start at
  // once, none waiting for the set-up of another.
  const password = 'a long enough password 1';
  const user = await sitedesk(
    env,
    ['user', 'add', '--username', 'anna', '--role', 'admin'],
    `${password}\n`,
  );
  if (user.code !== 0) throw new Error(`user add failed: ${user.err}`);
  running.store = await openStore({ dataDir: root, databaseUrl: env.SITEDESK_DATABASE_URL });
  const db = running.store.db;
  // Each instance has its own data folder (its warm git clones) and a copy of the secret file.
  const folders = ['a', 'b', 'victim'].map((name) => join(root, name));
  await Promise.all(folders.map((dir) => mkdir(dir, { mode: 0o700 })));
  const [envA, envB, envVictim] = folders.map((dir): NodeJS.ProcessEnv => ({
    ...env,
    SITEDESK_DATA_DIR: dir,
    SITEDESK_LOG_LEVEL: 'info',
  })) as [NodeJS.ProcessEnv, NodeJS.ProcessEnv, NodeJS.ProcessEnv];
  // Meanwhile the sites go in through `sitedesk site add`; the instances read the secret file
  // at each use, so its copies may arrive after they started (before any item is sent).
  const registering = fleetStarting.then(async (fleet) => {
    await registerFleet(env, fleet);
    for (const dir of folders) {
      await copyFile(join(root, 'secrets.enc'), join(dir, 'secrets.enc.new'));
      await rename(join(dir, 'secrets.enc.new'), join(dir, 'secrets.enc'));
    }
    log(`${fleet.sites.length} sites registered after ${Date.now() - began} ms`);
    return fleet;
  });
  // Each one joins `running` as soon as it listens; all are waited for, so none outlives a
  // failed start of another.
  const [starts, registered] = await Promise.allSettled([
    Promise.allSettled(
      [envA, envB, envVictim].map(async (instanceEnv) => {
        const serve = await startServe(instanceEnv, [], { startTimeoutMs: START_MS });
        running.instances.push(serve);
        return serve;
      }),
    ),
    registering,
  ]);
  if (registered.status === 'rejected') throw registered.reason;
  const fleet = registered.value;
  if (starts.status === 'rejected') throw starts.reason;
  const refused = starts.value.find((start) => start.status === 'rejected');
  if (refused) throw refused.reason;
  const [a, b, first] = starts.value.map(
    (start) => (start as PromiseFulfilledResult<ServeProcess>).value,
  ) as [ServeProcess, ServeProcess, ServeProcess];
  const bearer = await signedInToken(a.url, 'anna', password);
  const apis: ApiCall[] = [apiAt(a.url, bearer), apiAt(b.url, bearer)];
  const startMs = Date.now() - began;
  log(`three instances up after ${startMs} ms`);

  const siteRows = await db.selectFrom('sites').select(['id', 'client_id']).execute();
  const siteIds = siteRows.map((s) => s.id);
  const clientId = siteRows[0]!.client_id;
  const victimPids: number[] = [];
  const killer = killRepeatedly(first, envVictim, options.killEveryMs, running, db, log);

  const run = randomBytes(3).toString('hex');
  // No slug may begin another (fleet.ts counts git files by `/slug`): `-item` ends each.
  const slugs = Array.from({ length: options.items }, (_, i) => `kill-${run}-${i}-item`);
  const sendStarted = Date.now();
  await mapLimit(slugs, 4, async (slug, i) => {
    const api = apis[i % apis.length]!;
    const item = await api<{ id: string }>('POST', '/api/v1/content-items', {
      clientId,
      title: `Fleet ${run} ${i}`,
      slug,
      markdown: `Item ${i}: exactly one copy on every site.`,
    });
    await api('POST', '/api/v1/publish', { contentItemId: item.id, siteIds });
    if ((i + 1) % 50 === 0) log(`${i + 1} items sent`);
  });
  const total = options.items * siteIds.length;
  log(`all ${options.items} items sent (${total} publications) in ${Date.now() - sendStarted} ms`);

  let settledStates: Record<string, number> = {};
  const deadline = Date.now() + options.settleMs;
  let lastLine = 0;
  for (;;) {
    settledStates = await states(db);
    const done = (settledStates.published ?? 0) + (settledStates.failed ?? 0);
    if (done === total) break;
    for (const instance of [a, b])
      if (instance.child.exitCode !== null || instance.child.signalCode !== null)
        throw new Error(`an instance that is never killed exited:\n${instance.logs.join('\n')}`);
    if (Date.now() > deadline) break;
    if (Date.now() - lastLine > 15_000) {
      lastLine = Date.now();
      log(`${JSON.stringify(settledStates)} after ${Date.now() - sendStarted} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const publishMs = Date.now() - sendStarted;
  const { kills, killsMidPublish, pids, exitedAlone } = await killer.stop();
  victimPids.push(...pids);
  log(`settled: ${JSON.stringify(settledStates)} in ${publishMs} ms, ${kills} kills`);

  const failed = await db
    .selectFrom('publications')
    .select(['id', 'last_error'])
    .where('state', '=', 'failed')
    .execute();
  const takenOver = await db
    .selectFrom('history')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'taken_over')
    .executeTakeFirstOrThrow();
  const attempts = await db
    .selectFrom('history')
    .select('changes')
    .where('entity', '=', 'publication')
    .where('action', '=', 'attempt')
    .execute();
  const by = (pid: number | undefined) =>
    attempts.filter((row) => String(row.changes).includes(`:${pid}:`)).length;
  const attemptsBy = {
    a: by(a.child.pid),
    b: by(b.child.pid),
    victim: victimPids.reduce((sum, pid) => sum + by(pid), 0),
  };

  const copies: FleetFigures['copies'] = {};
  const wrong: string[] = [];
  await mapLimit(fleet.sites, 3, async (site) => {
    const counts = await site.copiesOf(slugs);
    copies[site.name] = {
      none: counts.filter((n) => n === 0).length,
      one: counts.filter((n) => n === 1).length,
      more: counts.filter((n) => n > 1).length,
    };
    counts.forEach((n, i) => {
      if (n !== 1 && wrong.length < 20) wrong.push(`${site.name}: ${slugs[i]} ×${n}`);
    });
  });
  return {
    items: options.items,
    sites: fleet.sites.length,
    publications: total,
    states: settledStates,
    kills,
    killsMidPublish,
    exitedAlone,
    takenOver: Number(takenOver.n),
    attemptsBy,
    publishMs,
    startMs,
    copies,
    wrong,
    failed: failed.map((f) => ({ id: f.id, error: f.last_error })),
  };
}

/**
 * Kills the victim with SIGKILL `everyMs` (±50 %) after each start — or up to 2 × `everyMs`
 * later, at a moment it holds a publication's lease — and starts it again on the same data
 * folder, until stop(); stop() leaves it running. Answers the count of kills, those
 * that hit it while it held a publication's lease, and the PIDs of all its lives.
 */
function killRepeatedly(
  first: ServeProcess,
  env: NodeJS.ProcessEnv,
  everyMs: number,
  running: Pick<Running, 'instances'>,
  db: Store['db'],
  log: (line: string) => void,
) {
  let stopping = false;
  // Ends a start in progress at stop(): the run is over, its start need not be waited for.
  const halt = new AbortController();
  let kills = 0;
  let killsMidPublish = 0;
  const exitedAlone: string[] = [];
  const pids = [first.child.pid!];
  let wake: () => void = () => undefined;
  const loop = (async () => {
    let victim = first;
    while (!stopping) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs * (0.5 + Math.random()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopping) break;
      // Then wait a little longer for a moment when it publishes: those are the kills that count.
      const holding = async () =>
        db
          .selectFrom('publications')
          .select('id')
          .where('state', '=', 'publishing')
          .where('owner', 'like', `%:${victim.child.pid}:%`)
          .execute();
      let held = await holding();
      for (
        const end = Date.now() + 2 * everyMs;
        held.length === 0 && Date.now() < end && !stopping;
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        held = await holding();
      }
      // stop() may have killed it meanwhile (its start's abort signal): the run is over.
      if (stopping) break;
      const { child } = victim;
      if (child.exitCode !== null || child.signalCode !== null) {
        // It ended by itself: there is no 'exit' left to wait for.
        const last = [...victim.logs.slice(-3), ...victim.stderr.slice(-3)].join('\n');
        exitedAlone.push(`${child.exitCode ?? child.signalCode}: ${last}`.slice(0, 2000));
        log(`the victim exited by itself (${child.exitCode ?? child.signalCode}):\n${last}`);
      } else {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        kills++;
        log(`kill ${kills}${held.length ? `, mid-publish (${held.length} held)` : ''}`);
        if (held.length > 0) killsMidPublish++;
      }
      // Start it again at once (systemd Restart=), on the same folder and its half-done clones.
      for (let started = false; !started && !stopping;) {
        try {
          victim = await startServe(env, [], { startTimeoutMs: START_MS, signal: halt.signal });
          running.instances.push(victim);
          pids.push(victim.child.pid!);
          started = true;
        } catch (error) {
          if (stopping) break;
          log(`the victim did not start again (${String(error).slice(0, 300)}); trying again`);
        }
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake();
      halt.abort();
      await loop;
      return { kills, killsMidPublish, pids, exitedAlone };
    },
  };
}

async function states(db: Store['db']): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('publications')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

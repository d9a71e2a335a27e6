// The crash test of issues 6 and 17: one content item to 12 real sites (4 WordPress, 4 Ghost,
// 4 git, each its own instance or repository). `sitedesk run` is already running on the same
// database when `sitedesk publish` starts in another process; both work on the publications
// (each owns what it started, by lease); publish is killed with SIGKILL after some results are
// recorded and before all. The running `run` takes over what the dead process held — without
// a restart — and every site ends with exactly one copy (counted through each site's own API).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { registerFleet, startFleet, type Fleet } from './fleet.js';
import { sitedeskArgs } from '../../env/node-scripts.js';

let fleet: Fleet | undefined;
let dataDir: string;
let env: NodeJS.ProcessEnv;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-crash-'));
  env = {
    SITEDESK_DATA_DIR: dataDir,
    SITEDESK_SECRET_STORE: 'file',
    USER: 'crash-test',
    SITEDESK_LOG_LEVEL: 'info',
  };
  fleet = await startFleet({ wordpress: 4, ghost: 4, git: 4 }, { prefix: 'crash' });
  await registerFleet(env, fleet);
}, 170_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fleet?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

/** `sitedesk …` as its own process (through tsx: no build needed). */
function spawnSitedesk(args: string[]): {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, sitedeskArgs(...args), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output, exited };
}

async function states(store: Store): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('publications').select('state').execute();
  const counts: Record<string, number> = {};
  for (const { state } of rows) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}

async function until<T>(
  what: string,
  deadlineMs: number,
  probe: () => Promise<T | undefined>,
  explain: () => Promise<string> = async () => '',
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${await explain()}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Each publication's site, state, attempts and last error, and the process's output: why it waits. */
async function situation(store: Store, output: string[]): Promise<string> {
  const rows = await store.db
    .selectFrom('publications')
    .select(['site_id', 'state', 'attempts', 'next_attempt_at', 'last_error'])
    .execute();
  const lines = rows.map(
    (r) =>
      `  ${r.site_id} ${r.state} attempts=${r.attempts} next=${r.next_attempt_at ?? '-'} ${r.last_error ?? ''}`,
  );
  return `\npublications:\n${lines.join('\n')}\noutput (last 40 lines):\n${output.join('').split('\n').slice(-40).join('\n')}`;
}

it('SIGKILL of publish while run works on the same database: run takes over, exactly one copy on each of 12 sites', async () => {
  const sites = fleet?.sites ?? [];
  expect(sites).toHaveLength(12);
  const slug = `crash-${randomBytes(4).toString('hex')}`;
  const file = join(dataDir, `${slug}.md`);
  await writeFile(
    file,
    `---\ntitle: Crash ${slug}\ntags: [crash]\n---\nOne copy per site, whatever happens.\n`,
  );

  const store = await openStore({ dataDir });
  try {
    // The long-running service is up first, as `sitedesk serve` would be.
    const running = spawnSitedesk(['run']);
    await until('the runner to start', 60_000, async () =>
      running.output.join('').includes('runner and scheduler started') ? true : undefined,
    );
    const publish = spawnSitedesk(['publish', file, ...sites.flatMap((s) => ['--site', s.name])]);
    // Kill as soon as a few results are recorded: some done, others in flight or waiting.
    const atKill = await until('the first results', 60_000, async () => {
      if (publish.child.exitCode !== null)
        throw new Error(`publish ended before the kill:\n${publish.output.join('')}`);
      const now = await states(store);
      return (now.published ?? 0) >= 2 ? now : undefined;
    });
    publish.child.kill('SIGKILL');
    await publish.exited;
    const afterKill = await states(store);
    const heldByDead = await store.db
      .selectFrom('publications')
      .select('id')
      .where('state', '=', 'publishing')
      .where('owner', 'like', `%:${publish.child.pid}:%`)
      .execute();
    expect(afterKill.published ?? 0, JSON.stringify(afterKill)).toBeLessThan(12);
    expect(atKill.published).toBeGreaterThanOrEqual(2);

    const killedAt = Date.now();
    const resumed = running;
    await until(
      'every publication published',
      120_000,
      async () => {
        if (resumed.child.exitCode !== null)
          throw new Error(`run ended:\n${resumed.output.join('')}`);
        const now = await states(store);
        return now.published === 12 ? now : undefined;
      },
      () => situation(store, resumed.output),
    );
    const resumeMs = Date.now() - killedAt;
    resumed.child.kill('SIGTERM');
    const stopping = Date.now();
    expect(await resumed.exited).toBe(0);
    // Stopping waits for posts in flight only, not for the runner's or scheduler's idle sleep.
    expect(Date.now() - stopping).toBeLessThan(10_000);
    // The run resumed what the killed publish left in flight (if anything was) and did the rest.
    const log = resumed.output.join('');
    expect(log).toContain('runner and scheduler started');

    const publications = await store.db.selectFrom('publications').selectAll().execute();
    expect(publications.map((p) => p.state)).toEqual(Array.from({ length: 12 }, () => 'published'));
    const task = await store.db
      .selectFrom('tasks')
      .select('status')
      .where('kind', '=', 'publish')
      .executeTakeFirstOrThrow();
    expect(task.status).toBe('done');

    // Each row the dead process held was taken over by the running one, and only those.
    const takenOver = await store.db
      .selectFrom('history')
      .select('entity_id')
      .where('entity', '=', 'publication')
      .where('action', '=', 'taken_over')
      .execute();
    expect(takenOver.map((r) => r.entity_id).sort()).toEqual(heldByDead.map((r) => r.id).sort());

    const copies = await Promise.all(
      sites.map(async (s) => [s.name, await s.copies(slug)] as const),
    );
    expect(Object.fromEntries(copies)).toEqual(Object.fromEntries(sites.map((s) => [s.name, 1])));
    console.log(
      `crash test: at kill ${JSON.stringify(afterKill)} (${heldByDead.length} held by the killed process); the running run finished in ${resumeMs} ms`,
    );
  } finally {
    await store.close();
  }
}, 180_000);

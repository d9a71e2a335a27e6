// Issue 17: two `sitedesk run` processes on one database publish the same outbox to 12 real
// sites (4 WordPress, 4 Ghost, 4 git, each its own instance or repository). Each publication is
// claimed by one runner (by lease); every site ends with exactly one copy of each item, counted
// through the site's own API. TWO_RUNNERS_ITEMS sets the number of items: default 12 (144
// publications, about two minutes on a shared 2-core machine); the figure is 100 (1,200
// publications; on that machine 1,074 were published, none failed and neither runner died, in
// the 15 minutes the test allows before it gave up). The run prints how long it took.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../../src/shared/clock.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { mapLimit, registerFleet, startFleet, type Fleet } from './fleet.js';
import { sitedeskArgs } from '../../env/node-scripts.js';

const ITEMS = Number(process.env.TWO_RUNNERS_ITEMS ?? 12);
// Time for everything to be published: 15 minutes, or 1.5 s per publication for a larger run.
const SETTLE_MS = Math.max(900_000, ITEMS * 12 * 1_500);
let fleet: Fleet | undefined;
let dataDir: string;
let env: NodeJS.ProcessEnv;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-two-runners-'));
  env = {
    SITEDESK_DATA_DIR: dataDir,
    SITEDESK_SECRET_STORE: 'file',
    USER: 'two-runners-test',
    SITEDESK_LOG_LEVEL: 'info',
  };
  fleet = await startFleet({ wordpress: 4, ghost: 4, git: 4 }, { prefix: 'pair' });
  await registerFleet(env, fleet);
}, 300_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fleet?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

function spawnRun(): { child: ChildProcess; output: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, sitedeskArgs('run'), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output, exited };
}

async function states(store: Store): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('publications').select('state').execute();
  const counts: Record<string, number> = {};
  for (const { state } of rows) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}

it(
  `two runners on one database: ${ITEMS} items × 12 real sites, each published once`,
  async () => {
    const sites = fleet?.sites ?? [];
    expect(sites).toHaveLength(12);
    const store = await openStore({ dataDir });
    try {
      // The outbox, as the web app or `sitedesk publish` would fill it.
      const tasks = createTaskService({ store, clock: systemClock });
      const siteRows = await store.db.selectFrom('sites').select(['id', 'client_id']).execute();
      const run = randomBytes(3).toString('hex');
      const slugs: string[] = [];
      for (let i = 0; i < ITEMS; i++) {
        // No slug may begin another (fleet.ts counts git files by `/slug`): not `…-1` and `…-10`.
        const slug = `pair-${run}-${i}-item`;
        slugs.push(slug);
        const item = await tasks.createContentItem(
          {
            clientId: siteRows[0]!.client_id,
            title: `Pair ${run} ${i}`,
            slug,
            markdown: `Item ${i}: one copy per site.`,
          },
          { actor: 'seed' },
        );
        await tasks.requestPublish(
          { contentItemId: item.id, siteIds: siteRows.map((s) => s.id) },
          { actor: 'seed' },
        );
      }
      const total = ITEMS * 12;
      const began = Date.now();
      const runners = [spawnRun(), spawnRun()];
      for (;;) {
        const now = await states(store);
        if ((now.published ?? 0) + (now.failed ?? 0) === total) break;
        for (const r of runners)
          if (r.child.exitCode !== null) throw new Error(`a runner ended:\n${r.output.join('')}`);
        if (Date.now() - began > SETTLE_MS) throw new Error(`too slow: ${JSON.stringify(now)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const tookMs = Date.now() - began;
      for (const r of runners) r.child.kill('SIGTERM');
      expect(await Promise.all(runners.map((r) => r.exited))).toEqual([0, 0]);
      expect(await states(store)).toEqual({ published: total });

      // Both runners worked: each attempt row names its owner's process.
      const pids = runners.map((r) => String(r.child.pid));
      const attempts = await store.db
        .selectFrom('history')
        .select('changes')
        .where('entity', '=', 'publication')
        .where('action', '=', 'attempt')
        .execute();
      const byRunner = pids.map(
        (pid) => attempts.filter((a) => String(a.changes).includes(`:${pid}:`)).length,
      );
      expect(byRunner.every((n) => n > 0)).toBe(true);
      expect(byRunner[0]! + byRunner[1]!).toBe(attempts.length);

      const copies = await mapLimit(sites, 12, async (site) => {
        const counts = await mapLimit(slugs, 4, (slug) => site.copies(slug));
        const wrong = slugs
          .map((slug, i) => [slug, counts[i]!] as const)
          .filter(([, n]) => n !== 1);
        return [site.name, Object.fromEntries(wrong)] as const;
      });
      // No site has any item other than exactly once; a failure names the site, each slug that
      // is missing (0) or doubled (2 …), and the runner's record of that item there.
      const wrongSites = copies.filter(([, wrong]) => Object.keys(wrong).length > 0);
      const records = await mapLimit(wrongSites, 4, async ([name, wrong]) => [
        name,
        await store.db
          .selectFrom('publications')
          .innerJoin('sites', 'sites.id', 'publications.site_id')
          .innerJoin('content_items', 'content_items.id', 'publications.content_item_id')
          .select([
            'content_items.slug',
            'publications.state',
            'publications.remote_id',
            'publications.attempts',
          ])
          .where('sites.name', '=', name)
          .where('content_items.slug', 'in', Object.keys(wrong))
          .execute(),
      ]);
      expect({ copies: Object.fromEntries(wrongSites), records }).toEqual({
        copies: {},
        records: [],
      });
      console.log(
        `two runners: ${total} publications (${ITEMS} items × 12 sites) in ${Math.round(tookMs / 1000)} s; attempts per runner ${byRunner.join(' / ')}; 0 duplicates, 0 missing`,
      );
    } finally {
      await store.close();
    }
  },
  SETTLE_MS + 600_000,
);

// Leases between runners on one database. Two runners in one process stand for two processes
// (each has its own owner name); the connector is scripted in memory because "a call that never
// returns while another runner takes the work over" cannot be made on demand by a real site
// (test/integration/crash kills real processes). Store, transactions and clock are real.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, ContentItem, PublishResult } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner, type Runner, type Site } from '../../../src/tasks/index.js';
import { anna, createHarness, type Harness } from './helpers.js';

let h: Harness;
let clientId: string;
beforeEach(async () => {
  h = await createHarness();
  clientId = (await h.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, anna)).id;
});
afterEach(() => h.close());

// Remote posts by site and slug: a second post of the same slug on a site is a duplicate.
function remote() {
  const posts = new Map<string, number>();
  const hold: { release?: () => void; started?: () => void } = {};
  const connectorFor =
    (opts: { hang?: boolean } = {}) =>
    (site: Site): Connector =>
      ({
        kind: site.kind,
        capabilities: new Set(),
        publish: async (
          item: ContentItem,
          options: { remoteId?: string },
        ): Promise<PublishResult> => {
          if (opts.hang) {
            hold.started?.();
            await new Promise<void>((resolve) => (hold.release = resolve));
          }
          const key = `${site.id}/${item.slug}`;
          // Idempotent like the real connectors: an existing post is updated, not doubled.
          const created = !options.remoteId && !posts.has(key);
          if (created) posts.set(key, 0);
          posts.set(key, (posts.get(key) ?? 0) + 1);
          return { remoteId: key, url: `https://x/${key}`, status: 'published', created };
        },
      }) as unknown as Connector;
  return { posts, hold, connectorFor };
}

const runnerWith = (
  connectorFor: (site: Site) => Connector,
  owner: string,
  extra: { leaseMs?: number } = {},
): Runner =>
  createRunner(
    { owner, leaseMs: extra.leaseMs ?? 30_000, maxAttempts: 2, baseDelayMs: 1 },
    { ...h.tasks.deps, logger: createSilentLogger(), connectorFor },
  );

async function queue(n: number, siteCount: number): Promise<void> {
  const siteIds: string[] = [];
  for (let i = 0; i < siteCount; i++)
    siteIds.push(
      (
        await h.tasks.createSite(
          { clientId, name: `S${i}`, kind: 'git', url: `https://s${i}.example.cz` },
          anna,
        )
      ).id,
    );
  for (let i = 0; i < n; i++) {
    const item = await h.tasks.createContentItem(
      { clientId, title: `T${i}`, slug: `t-${i}`, markdown: 'x' },
      anna,
    );
    await h.tasks.requestPublish({ contentItemId: item.id, siteIds }, anna);
  }
}

describe('runners sharing one database', () => {
  it('two runners publish 30 items to 4 sites: every post once, nothing left over', async () => {
    await queue(30, 4);
    const { posts, connectorFor } = remote();
    const a = runnerWith(connectorFor(), 'host:1:a');
    const b = runnerWith(connectorFor(), 'host:2:b');
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    const all = await h.tasks.listPublications();
    expect(all).toHaveLength(120);
    expect(all.every((p) => p.state === 'published')).toBe(true);
    expect(posts.size).toBe(120);
    expect([...posts.values()].every((n) => n === 1)).toBe(true);
  });

  it('a runner whose process died leaves work that another takes over when the lease runs out; Retry acts on it meanwhile', async () => {
    await queue(1, 1);
    const { posts, hold, connectorFor } = remote();
    const started = new Promise<void>((resolve) => (hold.started = resolve));
    const dead = runnerWith(connectorFor({ hang: true }), 'elsewhere:1:dead', { leaseMs: 10_000 });
    const deadRun = dead.runDue();
    await started;
    const [stuck] = await h.tasks.listPublications();
    expect(stuck).toMatchObject({ state: 'publishing', owner: 'elsewhere:1:dead' });
    const live = runnerWith(connectorFor(), 'host:2:live');
    // Within the lease: the work is the other runner's; Retry says so.
    await live.runDue();
    expect((await h.tasks.listPublications())[0]?.state).toBe('publishing');
    await expect(live.retryNow(stuck?.id ?? '', anna)).rejects.toMatchObject({ code: 'conflict' });
    // The lease runs out (no renewal comes from a dead process): Retry and the runner act.
    await h.clock.advance(10_001);
    const retried = await live.retryNow(stuck?.id ?? '', anna);
    expect(retried).toMatchObject({ state: 'pending', attempts: 0 });
    await live.runDue();
    const [done] = await h.tasks.listPublications();
    expect(done).toMatchObject({ state: 'published' });
    expect(posts.get([...posts.keys()][0] ?? '')).toBe(1);
    // The dead runner's late answer does not count (its lease is gone).
    hold.release?.();
    await deadRun;
    const [after] = await h.tasks.listPublications();
    expect(after?.state).toBe('published');
    expect(after?.attempts).toBe(1);
  });

  it('takes over a lapsed lease by itself in its loop, and Cancel works on it too', async () => {
    await queue(2, 1);
    const { hold, connectorFor } = remote();
    const started = new Promise<void>((resolve) => (hold.started = resolve));
    const dead = runnerWith(connectorFor({ hang: true }), 'elsewhere:1:dead', { leaseMs: 5_000 });
    const deadRun = dead.runDue();
    await started;
    const live = runnerWith(connectorFor(), 'host:2:live');
    await h.clock.advance(5_001);
    const [first] = await h.tasks.listPublications({ state: ['publishing'] });
    await live.cancel(first?.id ?? '', anna);
    const abort = new AbortController();
    const loop = live.run(abort.signal);
    await expect
      .poll(async () => (await h.tasks.listPublications()).map((p) => p.state).sort())
      .toEqual(['cancelled', 'published']);
    abort.abort();
    await loop;
    // Its late answer changes nothing: the cancelled row stays cancelled.
    hold.release?.();
    await deadRun;
    expect((await h.tasks.listPublications()).map((p) => p.state).sort()).toEqual([
      'cancelled',
      'published',
    ]);
  });
});

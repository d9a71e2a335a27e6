// The runner is tested here with a scripted in-memory connector, because exact failure
// sequences (a 503 on the second call of one site only, a call that never returns) cannot
// be produced on demand by a real site; test/integration/tasks runs it against the real git
// connector. Everything else (store, transactions, clock) is real.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, ContentItem, PublishResult } from '../../../src/connectors/types.js';
import { RemoteError } from '../../../src/shared/errors.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner, type RunnerConfig, type Site } from '../../../src/tasks/index.js';
import { anna, createHarness, type Harness } from './helpers.js';
import { onPostgres } from '../store/test-store.js';

type Script = (
  site: Site,
  item: ContentItem,
  call: number,
) => Promise<PublishResult> | PublishResult;

function scripted(script: Script) {
  const calls: { site: string; at: number }[] = [];
  let active = 0;
  let peak = 0;
  const perSite = new Map<string, number>();
  let sitePeak = 0;
  const connectorFor = (site: Site): Connector =>
    ({
      kind: site.kind,
      capabilities: new Set(),
      publish: async (item: ContentItem) => {
        calls.push({ site: site.id, at: Date.now() });
        active++;
        perSite.set(site.id, (perSite.get(site.id) ?? 0) + 1);
        peak = Math.max(peak, active);
        sitePeak = Math.max(sitePeak, perSite.get(site.id) ?? 0);
        try {
          await new Promise((r) => setImmediate(r));
          return await script(site, item, calls.filter((c) => c.site === site.id).length);
        } finally {
          active--;
          perSite.set(site.id, (perSite.get(site.id) ?? 1) - 1);
        }
      },
    }) as unknown as Connector;
  return { connectorFor, calls, peak: () => peak, sitePeak: () => sitePeak };
}

const ok = (site: Site, item: ContentItem): PublishResult => ({
  remoteId: `${site.id}/${item.slug}`,
  url: `${site.url}/${item.slug}/`,
  status: 'published',
  created: true,
});

let h: Harness;
let clientId: string;
beforeEach(async () => {
  h = await createHarness();
  clientId = (await h.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, anna)).id;
});
afterEach(() => h.close());

async function sites(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      (
        await h.tasks.createSite(
          { clientId, name: `S${i}`, kind: 'git', url: `https://s${i}.example.cz` },
          anna,
        )
      ).id,
    );
  }
  return ids;
}

async function publish(siteIds: string[], slug = 'menu') {
  const item = await h.tasks.createContentItem(
    { clientId, title: 'Menu', slug, markdown: 'Soup' },
    anna,
  );
  return h.tasks.requestPublish({ contentItemId: item.id, siteIds }, anna);
}

function runner(connectorFor: (site: Site) => Connector, config: RunnerConfig = {}) {
  return createRunner(config, {
    ...h.tasks.deps,
    logger: createSilentLogger(),
    connectorFor,
    random: () => 0.5,
  });
}

describe('the runner', () => {
  // Counts on SQLite answering within the same tick; on PostgreSQL queries take real time.
  it.skipIf(onPostgres())(
    'publishes every site once, at most 8 at a time and one at a time per site, and closes the task',
    async () => {
      const ids = await sites(12);
      const first = await publish(ids, 'menu');
      const second = await publish(ids, 'specials');
      const s = scripted(ok);
      await runner(s.connectorFor).runDue();
      expect(s.calls).toHaveLength(24);
      expect(s.peak()).toBe(8);
      expect(s.sitePeak()).toBe(1);
      for (const { task } of [first, second]) {
        const got = await h.tasks.getTask(task.id);
        expect(got.task.status).toBe('done');
        expect(
          got.publications.every(
            (p) => p.state === 'published' && p.attempts === 1 && p.url?.startsWith('https://'),
          ),
        ).toBe(true);
      }
    },
  );

  it('retries a retryable error with exponential backoff and jitter on the clock, then records the result', async () => {
    const [site] = await sites(1);
    const { task } = await publish([site!]);
    const s = scripted((st, item, call) => {
      if (call <= 2)
        throw new RemoteError(
          'remote_unavailable',
          { method: 'POST', url: st.url, status: 503 },
          'busy',
          { retryable: true },
        );
      return ok(st, item);
    });
    const r = runner(s.connectorFor, { baseDelayMs: 1000 });
    await r.runDue();
    let [p] = await h.tasks.listPublications({ taskId: task.id });
    expect(p).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('503'),
    });
    // random() = 0.5: the first wait is half of 1 s, the second half of 2 s.
    expect(Date.parse(p!.nextAttemptAt!) - h.clock.now()).toBe(500);
    await h.clock.advance(499);
    await r.runDue();
    expect(s.calls).toHaveLength(1);
    await h.clock.advance(1);
    await r.runDue();
    [p] = await h.tasks.listPublications({ taskId: task.id });
    expect(Date.parse(p!.nextAttemptAt!) - h.clock.now()).toBe(1000);
    await h.clock.advance(1000);
    await r.runDue();
    [p] = await h.tasks.listPublications({ taskId: task.id });
    expect(p).toMatchObject({ state: 'published', attempts: 3, lastError: null });
    expect((await h.tasks.getTask(task.id)).task.status).toBe('done');
  });

  it("waits for the server's Retry-After when it asks for longer than the backoff, up to the cap", async () => {
    const [site] = await sites(1);
    const { task } = await publish([site!]);
    const retryAfters = [5000, 60 * 60_000];
    const s = scripted((st, item, call) => {
      const retryAfterMs = retryAfters[call - 1];
      if (retryAfterMs !== undefined)
        throw new RemoteError(
          'rate_limited',
          { method: 'POST', url: st.url, status: 429 },
          'slow down',
          { retryable: true, retryAfterMs },
        );
      return ok(st, item);
    });
    const r = runner(s.connectorFor, { baseDelayMs: 1000, maxDelayMs: 10_000 });
    await r.runDue();
    let [p] = await h.tasks.listPublications({ taskId: task.id });
    expect(Date.parse(p!.nextAttemptAt!) - h.clock.now()).toBe(5000);
    await h.clock.advance(5000);
    await r.runDue();
    [p] = await h.tasks.listPublications({ taskId: task.id });
    expect(Date.parse(p!.nextAttemptAt!) - h.clock.now()).toBe(10_000);
    expect((await h.tasks.getTask(task.id)).task.status).not.toBe('done');
  });

  it('fails at once on a permanent error and after the last attempt on a retryable one; retry-now revives it', async () => {
    const [a, b] = await sites(2);
    const { task } = await publish([a!, b!]);
    let healthy = false;
    const s = scripted((st, item) => {
      if (healthy) return ok(st, item);
      if (st.id === a)
        throw new RemoteError(
          'remote_forbidden',
          { method: 'POST', url: st.url, status: 403 },
          'not allowed',
        );
      throw new RemoteError('remote_timeout', { method: 'POST', url: st.url }, 'timed out', {
        retryable: true,
      });
    });
    const r = runner(s.connectorFor, { maxAttempts: 2, baseDelayMs: 10 });
    await r.runDue();
    await h.clock.advance(10);
    await r.runDue();
    const pubs = await h.tasks.listPublications({ taskId: task.id });
    expect(pubs.map((p) => [p.state, p.attempts])).toEqual([
      ['failed', 1],
      ['failed', 2],
    ]);
    expect(pubs[0]!.lastError).toMatch(/403.*not allowed/);
    expect((await h.tasks.getTask(task.id)).task.status).toBe('failed');
    healthy = true;
    await r.retryNow(pubs[0]!.id, anna);
    expect((await h.tasks.getTask(task.id)).task.status).toBe('scheduled');
    await r.cancel(pubs[1]!.id, anna);
    await r.runDue();
    const final = await h.tasks.getTask(task.id);
    expect(final.publications.map((p) => p.state)).toEqual(['published', 'cancelled']);
    expect(final.task.status).toBe('done');
  });

  it('resumes publications left in flight by a crash, once each', async () => {
    const ids = await sites(3);
    const { task } = await publish(ids);
    // What a SIGKILL mid-publish leaves behind: a row claimed by an attempt that never reported.
    await h.store.db
      .updateTable('publications')
      .set({ state: 'publishing', attempts: 1 })
      .where('site_id', '=', ids[0]!)
      .execute();
    const s = scripted(ok);
    const controller = new AbortController();
    const r = runner(s.connectorFor, { pollMs: 1000 });
    const running = r.run(controller.signal);
    for (let i = 0; i < 5 && (await h.tasks.getTask(task.id)).task.status !== 'done'; i++)
      await h.clock.advance(1000);
    controller.abort();
    await running;
    expect(s.calls.map((c) => c.site).sort()).toEqual([...ids].sort());
    const got = await h.tasks.getTask(task.id);
    expect(got.publications.map((p) => p.state)).toEqual(['published', 'published', 'published']);
    expect(got.publications.find((p) => p.siteId === ids[0])?.attempts).toBe(2);
    // A row without a lease (or whose process is gone) is taken over at once.
    expect(got.history.some((e) => e.action === 'taken_over')).toBe(true);
  });

  it('while running, picks up a new publish request at once (no waiting for the poll)', async () => {
    const [site] = await sites(1);
    const s = scripted(ok);
    const controller = new AbortController();
    const running = runner(s.connectorFor, { pollMs: 60_000 }).run(controller.signal);
    await h.clock.advance(0);
    const { task } = await publish([site!]);
    for (let i = 0; i < 50 && s.calls.length === 0; i++) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 50 && (await h.tasks.getTask(task.id)).task.status !== 'done'; i++) {
      await new Promise((r) => setImmediate(r));
    }
    expect(h.clock.now()).toBe(Date.UTC(2026, 2, 2, 8)); // no time had to pass
    expect((await h.tasks.getTask(task.id)).task.status).toBe('done');
    controller.abort();
    await running;
  });

  it('refuses to cancel or retry a publication in flight', async () => {
    const [site] = await sites(1);
    const { publications } = await publish([site!]);
    // Held by another runner whose lease is still running (its process is alive elsewhere).
    await h.store.db
      .updateTable('publications')
      .set({
        state: 'publishing',
        owner: 'elsewhere:1:x',
        lease_until: new Date(h.clock.now() + 30_000).toISOString(),
      })
      .execute();
    const r = runner(scripted(ok).connectorFor);
    await expect(r.cancel(publications[0]!.id, anna)).rejects.toMatchObject({ code: 'conflict' });
    await expect(r.retryNow(publications[0]!.id, anna)).rejects.toMatchObject({ code: 'conflict' });
  });
});

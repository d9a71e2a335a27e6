// Live-page verification against a real HTTP server on 127.0.0.1 (started here); the
// connector is an in-memory stand-in (a mock, said so) that reports the server's URL.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ContentItem } from '../../../src/connectors/types.js';
import { createFakeClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/index.js';
import { createLiveCheck, createRunner, createTaskService } from '../../../src/tasks/index.js';

const pages = new Map<string, string>();
/** Requests for these paths are held (a slow live page) until the test answers them. */
const held = new Map<string, () => void>();
let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/held/')) {
      held.set(req.url, () => {
        if (!res.headersSent) res.writeHead(200).end(pages.get(req.url ?? '') ?? '');
      });
      return;
    }
    const page = pages.get(req.url ?? '');
    res
      .writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
      .end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createLiveCheck', () => {
  const check = createLiveCheck({ timeoutMs: 2000 });

  it('finds the title however the theme writes it', async () => {
    pages.set(
      '/a/',
      '<html><head><title>Florist</title></head><body><h1 class="x">Tulips &amp; roses\n  -20 %</h1></body></html>',
    );
    expect(await check(`${base}/a/`, 'Tulips & roses -20 %')).toMatchObject({ ok: true });
  });

  it('reads typographic quotes and a static site’s look-alikes as the characters typed', async () => {
    // WordPress makes Anna's into Anna’s; a git site's front matter carries ‹b› for <b>.
    pages.set('/t/', '<html><body><h1>Anna’s “best” ‹b› cakes – 2…</h1></body></html>');
    expect(await check(`${base}/t/`, `Anna's "best" <b> cakes - 2...`)).toMatchObject({
      ok: true,
    });
  });

  it('says what was not found', async () => {
    pages.set('/b/', '<html><body><h1>Something else</h1></body></html>');
    expect(await check(`${base}/b/`, 'Tulips')).toEqual({
      ok: false,
      detail: `${base}/b/ is up but does not show the title “Tulips”`,
    });
    expect(await check(`${base}/missing/`, 'Tulips')).toEqual({
      ok: false,
      detail: `${base}/missing/ answered 404, not the page`,
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await check(`http://127.0.0.1:${port}/`, 'Tulips')).detail).toMatch(
      /could not be fetched/,
    );
  });
});

/** A fresh store with a florist client and its static site at the test server. */
async function florist() {
  const store = await openStore({ dataDir: ':memory:' });
  const clock = createFakeClock(Date.UTC(2026, 2, 2, 8));
  const tasks = createTaskService({ store, clock });
  const who = { actor: 'anna' };
  const client = await tasks.createClient({ name: 'Florist', timezone: 'Europe/Prague' }, who);
  const site = await tasks.createSite(
    { clientId: client.id, name: 'Static', kind: 'git', url: base },
    who,
  );
  return { store, clock, tasks, client, site, who };
}

it('the runner verifies a published page, checking again later while it is not there yet', async () => {
  const { store, clock, tasks, client, site, who } = await florist();
  try {
    const connector = {
      kind: 'git',
      capabilities: new Set(),
      publish: async (item: ContentItem) => ({
        remoteId: item.slug,
        url: `${base}/${item.slug}/`,
        status: 'published',
        created: true,
      }),
    } as unknown as Connector;
    const runner = createRunner(
      { verify: { firstDelayMs: 30_000 } },
      {
        ...tasks.deps,
        logger: createSilentLogger(),
        connectorFor: () => connector,
        checkLive: createLiveCheck({ timeoutMs: 2000 }),
      },
    );
    const item = await tasks.createContentItem(
      { clientId: client.id, title: 'Spring tulips', slug: 'tulips', markdown: 'Fresh.' },
      who,
    );
    const { task } = await tasks.requestPublish(
      { contentItemId: item.id, siteIds: [site.id] },
      who,
    );

    await runner.runDue(); // the static site has not deployed yet
    let [p] = await tasks.listPublications({ taskId: task.id });
    expect(p).toMatchObject({
      state: 'published',
      verifiedAt: null,
      lastError: expect.stringContaining('answered 404'),
    });
    expect(Date.parse(p!.nextVerifyAt!) - clock.now()).toBe(30_000);

    pages.set(
      '/tulips/',
      '<html><head><title>Spring tulips – Florist</title></head><body></body></html>',
    );
    await clock.advance(30_000);
    await runner.runDue();
    [p] = await tasks.listPublications({ taskId: task.id });
    expect(p).toMatchObject({
      state: 'published',
      verifiedAt: '2026-03-02T08:00:30.000Z',
      nextVerifyAt: null,
      lastError: null,
    });
    expect((await tasks.getTask(task.id)).history.map((e) => e.action)).toEqual(
      expect.arrayContaining(['verify_failed', 'verified']),
    );
  } finally {
    await store.close();
  }
});

it('a slow live page does not hold back the next publication (the check runs beside publishing)', async () => {
  const { store, tasks, client, site, who } = await florist();
  const controller = new AbortController();
  let running: Promise<void> | undefined;
  try {
    const published: string[] = [];
    const connector = {
      kind: 'git',
      capabilities: new Set(),
      publish: async (item: ContentItem) => {
        published.push(item.slug);
        return {
          remoteId: item.slug,
          url: `${base}/held/${item.slug}/`,
          status: 'published',
          created: true,
        };
      },
    } as unknown as Connector;
    const runner = createRunner(
      { pollMs: 60_000 },
      {
        ...tasks.deps,
        logger: createSilentLogger(),
        connectorFor: () => connector,
        checkLive: createLiveCheck({ timeoutMs: 20_000 }),
      },
    );
    const publish = async (slug: string, title: string) => {
      const item = await tasks.createContentItem(
        { clientId: client.id, title, slug, markdown: 'Fresh.' },
        who,
      );
      return tasks.requestPublish({ contentItemId: item.id, siteIds: [site.id] }, who);
    };
    const until = async (what: () => boolean | Promise<boolean>) => {
      const end = Date.now() + 10_000;
      while (!(await what())) {
        if (Date.now() > end) throw new Error('timed out waiting');
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    pages.set('/held/tulips/', '<html><head><title>Spring tulips</title></head></html>');
    const first = await publish('tulips', 'Spring tulips');
    running = runner.run(controller.signal);
    await until(() => held.has('/held/tulips/')); // published; its live page is being checked
    await publish('roses', 'Roses');
    // The check of the first page is still waiting for an answer, yet the second publishes.
    await until(() => published.includes('roses'));
    expect(held.has('/held/tulips/')).toBe(true);
    const [beforeAnswer] = await tasks.listPublications({ taskId: first.task.id });
    expect(beforeAnswer?.verifiedAt).toBeNull();
    held.get('/held/tulips/')?.();
    await until(
      async () => (await tasks.listPublications({ taskId: first.task.id }))[0]?.verifiedAt != null,
    );
  } finally {
    controller.abort();
    for (const answer of held.values()) answer();
    await running;
    await store.close();
  }
});

it('an idle runner with live checks waits for work instead of spinning (timers and I/O still run)', async () => {
  const { store, tasks } = await florist();
  const controller = new AbortController();
  let sweeps = 0;
  const runner = createRunner(
    { pollMs: 50 },
    {
      ...tasks.deps,
      logger: createSilentLogger(),
      connectorFor: () => {
        throw new Error('nothing is published in this test');
      },
      checkLive: createLiveCheck({ timeoutMs: 2000 }),
    },
  );
  // Counts the runner's database reads: an idle loop polls a few times, a spinning one
  // thousands of times (and starves the timer below, so the test would time out).
  const { db } = tasks.deps;
  const selectFrom = db.selectFrom.bind(db);
  db.selectFrom = ((...args: Parameters<typeof selectFrom>) => {
    sweeps++;
    return selectFrom(...args);
  }) as typeof db.selectFrom;
  const running = runner.run(controller.signal);
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sweeps).toBeGreaterThan(0);
    expect(sweeps).toBeLessThan(200);
  } finally {
    controller.abort();
    await running;
    db.selectFrom = selectFrom;
    await store.close();
  }
});

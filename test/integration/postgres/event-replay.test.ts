// Issue 22: the replay of missed live changes is shared by the instances on one real
// PostgreSQL. Each instance is the real app over real HTTP with its own connection pool and
// its own event relay (src/tasks/queue/event-relay.ts); event ids are rows of `live_events`, so
// a browser whose stream on instance A broke reconnects to instance B with Last-Event-ID and is
// replayed exactly what it missed — changes made on A and on B — in order, without a reset;
// a client's link is replayed only its own client's changes; an id older than the buffer keeps
// gets `event: reset`.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createApp, requestListener } from '../../../src/server/app.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import type { Store } from '../../../src/store/index.js';
import { createAccounts } from '../../../src/tasks/accounts/index.js';
import { createTaskService, type TaskService } from '../../../src/tasks/index.js';
import { relayEvents, type EventRelay, type RelayOptions } from '../../../src/tasks/queue/index.js';
import { openSse, type SseEvent, type SseStream } from '../../unit/server/sse-client.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
const uploadDir = mkdtempSync(join(tmpdir(), 'sitedesk-event-replay-'));
const relays: EventRelay[] = [];
const servers: Server[] = [];
const streams: SseStream[] = [];
afterAll(async () => {
  for (const stream of streams) stream.close();
  for (const server of servers) server.closeAllConnections();
  for (const relay of relays) await relay.close();
  rmSync(uploadDir, { recursive: true, force: true });
});
const WAIT_MS = 15_000;
const who = { actor: 'seed' };

/** One sitedesk instance: the app on its own store (pool), relay and HTTP port. */
type Tuning = Pick<RelayOptions, 'keep' | 'pruneEvery' | 'reconnectMs'>;

async function instance(url: string, keep?: Tuning) {
  const store: Store = await postgres.open(url);
  const tasks = createTaskService({ store, clock: systemClock });
  const accounts = await createAccounts({ store, clock: systemClock, newId: tasks.deps.newId });
  const relay = await relayEvents(url, tasks.events, createSilentLogger(), {
    clientOfSite: async (id) => (await tasks.getSite(id).catch(() => undefined))?.clientId,
    ...keep,
  });
  relays.push(relay);
  const app = createApp({
    version: '0.0.0-test',
    logger: createSilentLogger(),
    secrets: { store: createMemorySecretStore(), reason: 'test' },
    api: { tasks, accounts, uploadDir, sharedEvents: relay },
  });
  const server = createServer(requestListener(app)).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { store, tasks, accounts, relay, base };
}
type Instance = Awaited<ReturnType<typeof instance>>;

/** Two instances on a fresh database, an agency token and two clients with a link each. */
async function twoInstances(keep?: Tuning) {
  const url = await postgres.freshDatabase();
  const a = await instance(url, keep);
  const b = await instance(url, keep);
  const user = await a.accounts.addUser({
    username: 'anna',
    password: 'a long enough password 1',
    role: 'admin',
  });
  const agency = `Bearer ${(await a.accounts.createApiToken(user, { name: 'browser' })).token}`;
  const bakery = await a.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who);
  const florist = await b.tasks.createClient({ name: 'Florist', timezone: 'Europe/Prague' }, who);
  const link = async (clientId: string) =>
    `Bearer ${(await a.accounts.createClientLink(clientId, {}, 'seed')).token}`;
  return { a, b, agency, bakery, florist, bakeryLink: await link(bakery.id) };
}

/** A site-edit request made through an instance's API, as the secretary's browser does. */
async function request(on: Instance, auth: string, clientId: string, text: string) {
  const res = await fetch(`${on.base}/api/v1/tasks`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ clientId, kind: 'site-edit', details: { request: text } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function stream(on: Instance, auth: string, lastEventId?: string): Promise<SseStream> {
  const opened = await openSse(`${on.base}/api/v1/events`, {
    Authorization: auth,
    ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
  });
  expect(opened.status).toBe(200);
  streams.push(opened);
  return opened;
}

/** The request's text: agency events carry the task, a client link's its own view of it. */
const requestOf = (e: SseEvent): string | undefined => {
  const task = (
    JSON.parse(e.data) as { task?: { request?: string; details?: { request?: string } } }
  ).task;
  return task?.details?.request ?? task?.request;
};
const ids = (events: SseEvent[]) => events.map((e) => Number(e.id));

it('a browser reconnecting to another instance is replayed what it missed, in order, with the same ids', async () => {
  const { a, b, agency, bakery, florist } = await twoInstances();
  // Another secretary's browser stays on A all along: it shows which ids A gave the changes.
  const watcher = await stream(a, agency);
  const browser = await stream(a, agency);
  await request(a, agency, bakery.id, 'seen 1');
  await request(b, agency, florist.id, 'seen 2');
  const seen = await browser.waitFor(2, WAIT_MS);
  expect(seen.map(requestOf)).toEqual(['seen 1', 'seen 2']);
  browser.close();

  // While the browser is away, changes on both instances, one too long for a notification.
  // Changes on two instances at once have no order of their own: each is let through the
  // watcher before the next, so the order to expect is known.
  const long = `A new menu: ${'croissant, '.repeat(1_000)}and tea`;
  const away: [Instance, string, string][] = [
    [a, bakery.id, 'away 1'],
    [b, florist.id, 'away 2'],
    [b, bakery.id, long],
    [a, florist.id, 'away 4'],
  ];
  for (const [on, clientId, text] of away) {
    await request(on, agency, clientId, text);
    await watcher.waitFor(watcher.events.length + 1, WAIT_MS);
  }
  const all = watcher.events;
  expect(all.map(requestOf)).toEqual(['seen 1', 'seen 2', 'away 1', 'away 2', long, 'away 4']);

  // The browser reconnects, through the load balancer, to B.
  const again = await stream(b, agency, seen[1]!.id);
  const replayed = await again.waitFor(4, WAIT_MS);
  expect(replayed.map((e) => e.event)).not.toContain('reset');
  expect(replayed.map(requestOf)).toEqual(['away 1', 'away 2', long, 'away 4']);
  // The ids A gave them, and still increasing.
  expect(ids(replayed)).toEqual(ids(all.slice(2)));
  expect(ids(replayed)).toEqual([...ids(replayed)].sort((x, y) => x - y));
  expect(Math.min(...ids(replayed))).toBeGreaterThan(Number(seen[1]!.id));

  // Live again: a change on A reaches it on B, after the replay, with the next id.
  await request(a, agency, bakery.id, 'live');
  const [live] = (await again.waitFor(5, WAIT_MS)).slice(4);
  expect(requestOf(live!)).toBe('live');
  expect(Number(live!.id)).toBeGreaterThan(Number(replayed[3]!.id));
  await new Promise((r) => setTimeout(r, 300));
  expect(again.events).toHaveLength(5);
});

it('a client link is replayed only its own client’s changes, on the other instance too', async () => {
  const { a, b, agency, bakery, florist, bakeryLink } = await twoInstances();
  const site = await b.tasks.createSite(
    {
      clientId: bakery.id,
      name: 'Bakery blog',
      kind: 'wordpress',
      url: 'https://bakery.example',
      settings: { username: 'editor' },
    },
    who,
  );
  const floristSite = await a.tasks.createSite(
    {
      clientId: florist.id,
      name: 'Florist blog',
      kind: 'wordpress',
      url: 'https://florist.example',
      settings: { username: 'editor' },
    },
    who,
  );
  const client = await stream(a, bakeryLink);
  const watcher = await stream(b, agency);
  await request(a, agency, bakery.id, 'bakery seen');
  const [seen] = await client.waitFor(1, WAIT_MS);
  client.close();

  // One change after another, each heard on B before the next (for a known order).
  const next = async (change: () => Promise<unknown>, events = 1) => {
    const before = watcher.events.length;
    await change();
    await watcher.waitFor(before + events, WAIT_MS);
  };
  await next(() => request(b, agency, florist.id, 'florist private'));
  await next(() => request(a, agency, bakery.id, 'bakery away'));
  // A call is the agency's: the client's link never sees it.
  await next(() =>
    b.tasks.createTask(
      {
        kind: 'call',
        clientId: bakery.id,
        details: {
          caller: 'Private caller',
          number: '+420 601 234 567',
          at: '2026-03-04T08:00:00Z',
        },
      },
      who,
    ),
  );
  // Publishing: the client of a publication is found from its site, by the instance writing it.
  await next(() => publishOn(b.tasks, bakery.id, site.id, 'Bakery spring menu'), 2);
  await next(() => publishOn(a.tasks, florist.id, floristSite.id, 'Florist tulips'), 2);

  const again = await stream(b, bakeryLink, seen!.id);
  const replayed = await again.waitFor(3, WAIT_MS);
  await new Promise((r) => setTimeout(r, 300));
  expect(again.events.map((e) => e.event)).toEqual([
    'task.created',
    'task.created',
    'publication.created',
  ]);
  expect(requestOf(replayed[0]!)).toBe('bakery away');
  expect(replayed[2]!.data).toContain(site.id);
  const text = JSON.stringify(again.events);
  for (const hidden of ['florist private', 'Private caller', florist.id, floristSite.id])
    expect(text).not.toContain(hidden);
});

async function publishOn(tasks: TaskService, clientId: string, siteId: string, title: string) {
  const text = await tasks.createContentItem(
    { clientId, title, slug: title.toLowerCase().replaceAll(' ', '-'), markdown: title },
    who,
  );
  await tasks.requestPublish({ contentItemId: text.id, siteIds: [siteId] }, who);
}

it('an id older than the buffer keeps gets a reset, then what is kept', async () => {
  const { a, b, agency, bakery } = await twoInstances({ keep: { count: 5 }, pruneEvery: 1 });
  const watcher = await stream(b, agency);
  const browser = await stream(a, agency);
  await request(a, agency, bakery.id, 'first');
  const [first] = await browser.waitFor(1, WAIT_MS);
  browser.close();
  for (let i = 1; i <= 8; i++) {
    await request(i % 2 ? b : a, agency, bakery.id, `later ${i}`);
    await watcher.waitFor(i + 1, WAIT_MS);
  }
  // Pruned once the last write is through: the first event's row is gone.
  const deadline = Date.now() + WAIT_MS;
  const kept = async () =>
    (await a.store.db.selectFrom('live_events').select('id').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
  while ((await kept()).length !== 5 || (await kept()).includes(Number(first!.id))) {
    if (Date.now() > deadline) throw new Error(`not pruned: ${JSON.stringify(await kept())}`);
    await new Promise((r) => setTimeout(r, 50));
  }

  const again = await stream(b, agency, first!.id);
  const [reset, ...rest] = await again.waitFor(6, WAIT_MS);
  expect(reset!.event).toBe('reset');
  expect(rest.map(requestOf)).toEqual(['later 4', 'later 5', 'later 6', 'later 7', 'later 8']);
  expect(ids(rest)).toEqual(await kept());

  // A kept id is replayed without a reset.
  const fine = await stream(a, agency, rest[2]!.id);
  const tail = await fine.waitFor(2, WAIT_MS);
  expect(tail.map(requestOf)).toEqual(['later 7', 'later 8']);
});

it('ids grow in the order every instance hears them, while two instances write at once', async () => {
  const { a, b, bakery, florist } = await twoInstances();
  const heard = { a: [] as number[], b: [] as number[] };
  a.relay.onShared((e) => heard.a.push(e.id));
  b.relay.onShared((e) => heard.b.push(e.id));
  const edits = (tasks: TaskService, clientId: string, prefix: string) =>
    Array.from({ length: 40 }, (_, i) =>
      tasks.createTask(
        { kind: 'site-edit', clientId, details: { request: `${prefix} ${i}` } },
        who,
      ),
    );
  await Promise.all([...edits(a.tasks, bakery.id, 'A'), ...edits(b.tasks, florist.id, 'B')]);
  const deadline = Date.now() + WAIT_MS;
  while (heard.a.length < 80 || heard.b.length < 80) {
    if (Date.now() > deadline) throw new Error(`heard ${heard.a.length}, ${heard.b.length}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const rows = (
    await a.store.db.selectFrom('live_events').select('id').orderBy('id').execute()
  ).map((r) => Number(r.id));
  // Both heard every row, in the same increasing order: no id arrived after a higher one.
  expect(heard.a).toEqual(rows);
  expect(heard.b).toEqual(rows);
});

it('an instance whose listening connection broke catches up from the buffer', async () => {
  const { a, b, agency, bakery, florist } = await twoInstances({ reconnectMs: 3_000 });
  const browser = await stream(b, agency);
  await request(a, agency, bakery.id, 'before');
  await browser.waitFor(1, WAIT_MS);
  // The database ends both instances' listening connections (a restart, a failover).
  const listeners = sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database() and query = ${`LISTEN sitedesk_events`}`;
  const ended = await sql`select pg_terminate_backend(pid) from (${listeners}) l`.execute(
    a.store.db,
  );
  expect(ended.rows).toHaveLength(2);
  const deadline = Date.now() + WAIT_MS;
  while ((await listeners.execute(a.store.db)).rows.length > 0) {
    if (Date.now() > deadline) throw new Error('the listening connections did not end');
    await new Promise((r) => setTimeout(r, 20));
  }
  // Changes nobody listens for: no announcement of them reaches an instance.
  await request(a, agency, bakery.id, 'unheard 1');
  await request(b, agency, florist.id, 'unheard 2');
  // Written (each instance writes just after its answer) while still nobody listens.
  while ((await a.store.db.selectFrom('live_events').select('id').execute()).length < 3) {
    if (Date.now() > deadline) throw new Error('the changes were not written');
    await new Promise((r) => setTimeout(r, 20));
  }
  expect((await listeners.execute(a.store.db)).rows).toHaveLength(0);

  // Listening again, each instance reads what it missed; the browser gets it, in id order.
  const events = await browser.waitFor(3, WAIT_MS);
  expect(events.map(requestOf).sort()).toEqual(['before', 'unheard 1', 'unheard 2']);
  expect(ids(events)).toEqual([...ids(events)].sort((x, y) => x - y));
  await request(a, agency, bakery.id, 'heard again');
  expect(requestOf((await browser.waitFor(4, WAIT_MS))[3]!)).toBe('heard again');
});

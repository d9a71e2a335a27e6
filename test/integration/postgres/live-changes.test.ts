// Issue 22: two instances on one real PostgreSQL, a browser's live-change stream (SSE) open on
// one, a task made through the API of the other: it arrives, relayed by LISTEN/NOTIFY
// (src/tasks/queue/event-relay.ts). Each instance is an app with its own connection pool.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createApp, requestListener } from '../../../src/server/app.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import type { Store } from '../../../src/store/index.js';
import { createAccounts } from '../../../src/tasks/accounts/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import type { Publication } from '../../../src/tasks/index.js';
import { feedPublications, relayEvents, type EventRelay } from '../../../src/tasks/queue/index.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
const uploadDir = mkdtempSync(join(tmpdir(), 'sitedesk-live-changes-'));
const relays: EventRelay[] = [];
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  for (const relay of relays) await relay.close();
  rmSync(uploadDir, { recursive: true, force: true });
});
const PASSWORD = 'a long enough password 1';

async function instance(url: string, store: Store) {
  const tasks = createTaskService({ store, clock: systemClock });
  const accounts = await createAccounts({ store, clock: systemClock, newId: tasks.deps.newId });
  const relay = await relayEvents(url, tasks.events, createSilentLogger(), {
    clientOfSite: async (id) => (await tasks.getSite(id).catch(() => undefined))?.clientId,
  });
  relays.push(relay);
  const app = createApp({
    version: '0.0.0-test',
    logger: createSilentLogger(),
    secrets: { store: createMemorySecretStore(), reason: 'test' },
    api: { tasks, accounts, uploadDir },
  });
  return { tasks, accounts, app, relay };
}

async function signIn(app: ReturnType<typeof createApp>) {
  const res = await request(app)
    .post('/api/v1/auth/login')
    .send({ username: 'anna', password: PASSWORD })
    .expect(200);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return {
    cookie: cookies.map((c) => c.split(';')[0]).join('; '),
    csrf: String(res.body.csrfToken),
  };
}

it('a change made on one instance reaches a live stream open on another', async () => {
  const url = await postgres.freshDatabase();
  const a = await instance(url, await postgres.open(url));
  const b = await instance(url, await postgres.open(url));
  await a.accounts.addUser({ username: 'anna', password: PASSWORD, role: 'admin' });
  const client = await a.tasks.createClient(
    { name: 'Bakery', timezone: 'Europe/Prague' },
    {
      actor: 'seed',
    },
  );

  // The browser's stream, on instance B over real HTTP.
  const server = createServer(requestListener(b.app)).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const onB = await signIn(b.app);
  const stream = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
    headers: { cookie: onB.cookie, accept: 'text/event-stream' },
  });
  expect(stream.status).toBe(200);
  const reader = stream.body!.getReader();
  let seen = '';
  const arrived = (async () => {
    const decoder = new TextDecoder();
    while (!seen.includes('Call back about the cake')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended: ${seen}`);
      seen += decoder.decode(value);
    }
  })();

  // The secretary's change, through instance A's API.
  const onA = await signIn(a.app);
  await request(a.app)
    .post('/api/v1/tasks')
    .set('Cookie', onA.cookie)
    .set('X-CSRF-Token', onA.csrf)
    .send({
      clientId: client.id,
      kind: 'site-edit',
      title: 'Call back about the cake',
      details: { request: 'New cake photo' },
    })
    .expect(201);
  await Promise.race([
    arrived,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`not relayed: ${seen}`)), 10_000)),
  ]);
  expect(seen).toMatch(/event: task\.created/);
  await reader.cancel();
});

it('only the instance that made a publication due asks the job queue for it', async () => {
  const url = await postgres.freshDatabase();
  const a = await instance(url, await postgres.open(url));
  const b = await instance(url, await postgres.open(url));
  const asked = { a: [] as string[], b: [] as string[] };
  const now = () => Date.now();
  const logger = createSilentLogger();
  const stops = [
    feedPublications(
      a.tasks.events,
      { enqueue: async (id) => void asked.a.push(id) },
      logger,
      now,
      a.relay.relaying,
    ),
    feedPublications(
      b.tasks.events,
      { enqueue: async (id) => void asked.b.push(id) },
      logger,
      now,
      b.relay.relaying,
    ),
  ];
  const heardOnB = new Promise<void>((resolve) =>
    b.tasks.events.on((event) => {
      if (event.type === 'publication.created') resolve();
    }),
  );
  // The event a publish on A emits (the relay carries it as it is).
  const publication = {
    id: 'pub-1',
    state: 'pending',
    nextAttemptAt: null,
  } as unknown as Publication;
  a.tasks.events.emit({ type: 'publication.created', publication, actor: 'anna' });
  await Promise.race([
    heardOnB,
    new Promise((_, reject) => setTimeout(() => reject(new Error('not relayed')), 10_000)),
  ]);
  for (const stop of stops) stop();
  // B heard it (its browsers see it) but left the asking to A.
  expect(asked).toEqual({ a: ['pub-1'], b: [] });
});

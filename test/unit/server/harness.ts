/**
 * The real app on a real (in-memory) SQLite database, with a fake clock, a memory secret store
 * holding a planted secret, a logger whose output is kept, and a recorder of every response
 * body and header the app sends — so each test file can prove the secret never left.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import type { Logger } from '../../../src/shared/logger.js';
import { createApp, type ApiOptions, type SitedeskApp } from '../../../src/server/app.js';
import { createFakeClock, type FakeClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import type { Store } from '../../../src/store/index.js';
import { openTestStore } from '../store/test-store.js';
import { createAccounts, type Accounts } from '../../../src/tasks/accounts/index.js';
import {
  createTaskService,
  type Client,
  type Site,
  type TaskService,
} from '../../../src/tasks/index.js';

/** The app password planted as a site's secret; no response or log line may contain it. */
export const PLANTED_SECRET = 'plAnted-App-Passw0rd-7f3c9e';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** A session: its cookie header and CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

export interface Harness {
  app: SitedeskApp;
  /** The app wrapped by the response recorder; give this to supertest. */
  http: (req: IncomingMessage, res: ServerResponse) => void;
  store: Store;
  clock: FakeClock;
  tasks: TaskService;
  accounts: Accounts;
  uploadDir: string;
  secrets: SecretStore;
  /** Every response (headers and body text) sent so far. */
  responses: string[];
  logs: string[];
  clientA: Client;
  clientB: Client;
  siteA: Site;
  siteB: Site;
  admin: Session;
  secretary: Session;
  /** Bearer headers of API tokens and links. */
  adminToken: string;
  secretaryToken: string;
  linkA: string;
  linkB: string;
  linkExpired: string;
  close(): Promise<void>;
}

/** Logs in through the API and returns the session. */
export async function login(
  http: Harness['http'],
  username: string,
  password: string,
): Promise<Session> {
  const res = await request(http)
    .post('/api/v1/auth/login')
    .send({ username, password })
    .expect(200);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: String(res.body.csrfToken) };
}

function recorder(app: SitedeskApp, into: string[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown): void => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      // SSE streams never end in a test: record what was written so far, as it goes.
      into.push(chunks.map((c) => c.toString('utf8')).join(''));
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk);
      into.push(JSON.stringify(res.getHeaders()) + '\n' + Buffer.concat(chunks).toString('utf8'));
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
    app(req, res);
  };
}

/** Builds the harness: two clients with a site each, an admin, a secretary, tokens and links. */
/** What extra app options may be built from (the runner needs the service, connectors the secrets). */
export interface HarnessParts {
  tasks: TaskService;
  secrets: SecretStore;
  logger: Logger;
}

export async function createHarness(
  options: Partial<ApiOptions> | ((parts: HarnessParts) => Partial<ApiOptions>) = {},
): Promise<Harness> {
  const store = await openTestStore();
  const clock = createFakeClock(Date.UTC(2026, 2, 2, 8));
  const tasks = createTaskService({ store, clock });
  const accounts = await createAccounts({ store, clock, newId: tasks.deps.newId });
  const secrets = createMemorySecretStore();
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const uploadDir = mkdtempSync(join(tmpdir(), 'sitedesk-uploads-'));
  const app = createApp({
    version: '0.0.0-test',
    logger,
    secrets: { store: secrets, reason: 'test' },
    api: {
      tasks,
      accounts,
      clock,
      uploadDir,
      ...(typeof options === 'function' ? options({ tasks, secrets, logger }) : options),
    },
  });
  const responses: string[] = [];
  const http = recorder(app, responses);
  const who = { actor: 'seed' };

  const clientA = await tasks.createClient({ name: 'Bakery A', timezone: 'Europe/Prague' }, who);
  const clientB = await tasks.createClient(
    { name: 'Florist B', timezone: 'America/New_York' },
    who,
  );
  const siteA = await tasks.createSite(
    {
      clientId: clientA.id,
      name: 'Blog A',
      kind: 'wordpress',
      url: 'https://a.example',
      settings: { username: 'editor' },
    },
    who,
  );
  const siteB = await tasks.createSite(
    { clientId: clientB.id, name: 'Blog B', kind: 'ghost', url: 'https://b.example' },
    who,
  );
  // The expired link is made first and the clock then moves past it; everything else is fresh.
  const expired = await accounts.createClientLink(clientA.id, { expiresInDays: 1 }, 'seed');
  await clock.advance(2 * 86_400_000);
  await accounts.addUser({ username: 'admin', password: ADMIN_PASSWORD, role: 'admin' });
  await accounts.addUser({ username: 'sec', password: ADMIN_PASSWORD, role: 'secretary' });
  const admin = await login(http, 'admin', ADMIN_PASSWORD);
  const secretary = await login(http, 'sec', ADMIN_PASSWORD);
  const adminUser = (await accounts.listUsers()).find((u) => u.username === 'admin');
  const secUser = (await accounts.listUsers()).find((u) => u.username === 'sec');
  if (!adminUser || !secUser) throw new Error('seed users missing');
  const adminToken = (await accounts.createApiToken(adminUser, { name: 'script' })).token;
  const secretaryToken = (await accounts.createApiToken(secUser, { name: 'script' })).token;
  const linkA = (await accounts.createClientLink(clientA.id, {}, 'seed')).token;
  const linkB = (await accounts.createClientLink(clientB.id, {}, 'seed')).token;
  // Planted through the API, the way a person would set it.
  await request(http)
    .put(`/api/v1/sites/${siteA.id}/secret`)
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ secret: PLANTED_SECRET })
    .expect(204);

  return {
    app,
    http,
    store,
    clock,
    tasks,
    accounts,
    uploadDir,
    secrets,
    responses,
    logs,
    clientA,
    clientB,
    siteA,
    siteB,
    admin,
    secretary,
    adminToken: `Bearer ${adminToken}`,
    secretaryToken: `Bearer ${secretaryToken}`,
    linkA: `Bearer ${linkA}`,
    linkB: `Bearer ${linkB}`,
    linkExpired: `Bearer ${expired.token}`,
    close: async () => {
      app.locals.stop?.();
      await store.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

/** Throws when the planted secret is in any recorded response or log line. */
export function assertNoLeak(h: Harness, others: string[] = []): void {
  if (h.responses.length === 0 || h.logs.length === 0)
    throw new Error('nothing was recorded; the recorder is broken');
  for (const text of [...h.responses, ...h.logs]) {
    for (const secret of [PLANTED_SECRET, ...others]) {
      if (text.includes(secret)) throw new Error(`planted secret leaked in: ${text.slice(0, 300)}`);
    }
  }
}

/** Counts of every table, to prove a refused request saved nothing. */
export async function rowCounts(h: Harness): Promise<Record<string, number>> {
  const tables = [
    'clients',
    'sites',
    'tasks',
    'content_items',
    'publications',
    'schedules',
    'history',
    'users',
    'api_tokens',
    'client_links',
    'previews',
    'sessions',
  ];
  const db = h.store.db.withTables<Record<string, { id: string }>>();
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

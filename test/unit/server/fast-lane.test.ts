/**
 * The task-list fast lane must answer exactly as the express route does. Two apps run on the
 * same database, services and accounts — one with the lane, one without — and every request is
 * sent to both over real sockets; status, header lines (names as sent; only Date may differ) and
 * body bytes must be equal. The lane's counts show which requests it answered itself.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApp,
  requestListener,
  type ApiOptions,
  type SitedeskApp,
} from '../../../src/server/app.js';
import { createLogger, createSilentLogger, type Logger } from '../../../src/shared/logger.js';
import { assertNoLeak, createHarness, login, ADMIN_PASSWORD, type Harness } from './harness.js';

interface Answer {
  status: number;
  /** Header lines as sent, Date left out. */
  headers: string[];
  body: string;
}

function listen(app: SitedeskApp): Promise<Server> {
  return new Promise((resolve) => {
    // As `sitedesk serve` runs it: the lane, when there is one, in front of express.
    const server = createServer(requestListener(app)).listen(0, '127.0.0.1', () => resolve(server));
  });
}

function ask(server: Server, method: string, path: string, headers: Record<string, string>) {
  const { port } = server.address() as AddressInfo;
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const lines: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (res.rawHeaders[i] !== 'Date')
            lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolve({
          status: res.statusCode ?? 0,
          headers: lines,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

let h: Harness;
let viaLane: SitedeskApp;
let viaExpress: SitedeskApp;
let laneServer: Server;
let expressServer: Server;

function appOn(h: Harness, logger: Logger, options: Partial<ApiOptions>): SitedeskApp {
  return createApp({
    version: '0.0.0-test',
    logger,
    secrets: { store: h.secrets, reason: 'test' },
    api: {
      tasks: h.tasks,
      accounts: h.accounts,
      clock: h.clock,
      uploadDir: h.uploadDir,
      ...options,
    },
  });
}

beforeAll(async () => {
  h = await createHarness();
  for (let i = 0; i < 3; i++)
    await h.tasks.createTask(
      { kind: 'site-edit', clientId: h.clientA.id, details: { request: `Change ${i}` } },
      { actor: 'seed' },
    );
  viaLane = appOn(h, createSilentLogger(), {});
  viaExpress = appOn(h, createSilentLogger(), { fastLane: false });
  laneServer = await listen(viaLane);
  expressServer = await listen(viaExpress);
});
afterAll(async () => {
  await new Promise((r) => laneServer.close(r));
  await new Promise((r) => expressServer.close(r));
  viaLane.locals.stop?.();
  viaExpress.locals.stop?.();
  assertNoLeak(h);
  await h.close();
});

/** Sends the request to both apps (lane first); returns the lane's answer and what the lane did. */
async function both(path: string, headers: Record<string, string>, method = 'GET') {
  const lane = viaLane.locals.lane;
  if (!lane) throw new Error('the lane is off in the app that should have it');
  const before = { answered: lane.answered, passed: lane.passed };
  const fast = await ask(laneServer, method, path, headers);
  const did = { answered: lane.answered - before.answered, passed: lane.passed - before.passed };
  const slow = await ask(expressServer, method, path, headers);
  expect(fast).toEqual(slow);
  return { answer: fast, did };
}

/** Puts `path`'s page into both apps' caches (a valid caller asks first), so the next request could be a hit. */
async function warm(path: string): Promise<void> {
  for (const server of [laneServer, expressServer])
    expect((await ask(server, 'GET', path, { authorization: h.secretaryToken })).status).toBe(200);
}

describe('the task-list fast lane', () => {
  it('is off in an app made with fastLane: false, and on by default', () => {
    expect(viaExpress.locals.lane).toBeUndefined();
    expect(viaLane.locals.lane).toBeDefined();
  });

  it('answers a cached page with the same status, header lines and bytes as express', async () => {
    const auth = { authorization: h.secretaryToken };
    const miss = await both('/api/v1/tasks', auth);
    expect(miss.did).toEqual({ answered: 0, passed: 1 });
    const hit = await both('/api/v1/tasks', auth);
    expect(hit.did).toEqual({ answered: 1, passed: 0 });
    expect(hit.answer.status).toBe(200);
    expect(hit.answer.body).toBe(JSON.stringify(await h.tasks.listTasks({})));
    expect(hit.answer.headers).toContain('Content-Type: application/json; charset=utf-8');
    expect(hit.answer.headers).toContain('X-Frame-Options: DENY');
    expect(hit.answer.headers.some((l) => l.startsWith('Content-Security-Policy: '))).toBe(true);
  });

  it('answers each agency role the same way (admin token, admin and secretary sessions)', async () => {
    const admin = await login(h.http, 'admin', ADMIN_PASSWORD);
    const callers: Record<string, string>[] = [
      { authorization: h.adminToken },
      { cookie: admin.cookie },
      { cookie: h.secretary.cookie },
    ];
    for (const headers of callers) {
      const { answer, did } = await both('/api/v1/tasks?limit=2', headers);
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).items).toHaveLength(2);
      expect(did.answered + did.passed).toBe(1);
    }
    // The page is kept once for everyone: the later callers were answered by the lane.
    expect((await both('/api/v1/tasks?limit=2', { authorization: h.adminToken })).did).toEqual({
      answered: 1,
      passed: 0,
    });
  });

  it('finds the same page for the same question asked in other words', async () => {
    const auth = { authorization: h.secretaryToken };
    const first = await both(
      `/api/v1/tasks?clientId=${h.clientA.id}&status=open,in_progress`,
      auth,
    );
    const again = await both(
      `/api/v1/tasks?status=open&status=in_progress&clientId=${h.clientA.id}`,
      auth,
    );
    expect(again.answer.body).toBe(first.answer.body);
    expect(again.did).toEqual({ answered: 1, passed: 0 });
  });

  it('leaves refused callers to express: client links, expired links, anonymous, bad headers', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ authorization: h.linkA }, 403, 'forbidden'],
      [{ authorization: h.linkExpired }, 401, 'link_expired'],
      [{}, 401, 'unauthenticated'],
      [{ authorization: 'Basic abc' }, 401, 'unauthenticated'],
      [{ authorization: 'Bearer sdt_not-a-real-token-at-all' }, 401, 'unauthenticated'],
      [{ cookie: 'sitedesk_session=not-a-session-cookie-value' }, 401, 'unauthenticated'],
    ];
    for (const [headers, status, code] of cases) {
      await warm('/api/v1/tasks');
      const { answer, did } = await both('/api/v1/tasks', headers);
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body).error.code).toBe(code);
      expect(did).toEqual({ answered: 0, passed: 1 });
    }
  });

  it('leaves a bad query to express: the 400 names each wrong field', async () => {
    const auth = { authorization: h.secretaryToken };
    // Each bad query is a good one (whose page is kept) plus something wrong, so a lane that
    // dropped or ignored the wrong part would answer the kept page instead of the 400.
    for (const [good, bad, field] of [
      ['?limit=5', '?limit=5&colour=red', 'query.colour'],
      ['?limit=5', '?limit=5&__proto__=x', 'query.__proto__'],
      ['?limit=5', '?limit=5&limit=6', 'query.limit'],
      ['?status=open', '?status=open,lost', 'query.status.1'],
      ['', '?limit=0', 'query.limit'],
      ['', '?clientId=%E0%A4%A', 'query.clientId'],
    ] as const) {
      await warm(`/api/v1/tasks${good}`);
      const { answer, did } = await both(`/api/v1/tasks${bad}`, auth);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error.details.map((d: { path: string }) => d.path)).toContain(
        field,
      );
      expect(did).toEqual({ answered: 0, passed: 1 });
    }
  });

  it('stops a revoked token and an ended session at once', async () => {
    const secUser = (await h.accounts.listUsers()).find((u) => u.username === 'sec');
    if (!secUser) throw new Error('seed user missing');
    const made = await h.accounts.createApiToken(secUser, { name: 'soon revoked' });
    const auth = { authorization: `Bearer ${made.token}` };
    await both('/api/v1/tasks', auth);
    expect((await both('/api/v1/tasks', auth)).did.answered).toBe(1);
    await h.accounts.revokeApiToken(made.id, undefined);
    // The revocation changed the database; the page is kept again before the revoked token asks.
    await warm('/api/v1/tasks');
    const revoked = await both('/api/v1/tasks', auth);
    expect(revoked.answer.status).toBe(401);
    expect(revoked.did).toEqual({ answered: 0, passed: 1 });

    const session = await login(h.http, 'sec', ADMIN_PASSWORD);
    expect((await both('/api/v1/tasks', { cookie: session.cookie })).answer.status).toBe(200);
    await request(h.http)
      .post('/api/v1/auth/logout')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .expect(204);
    await warm('/api/v1/tasks');
    const ended = await both('/api/v1/tasks', { cookie: session.cookie });
    expect(ended.answer.status).toBe(401);
    expect(ended.did.answered).toBe(0);
  });

  it('never serves a page from before a change', async () => {
    const auth = { authorization: h.secretaryToken };
    await both('/api/v1/tasks', auth);
    const added = await h.tasks.createTask(
      { kind: 'site-edit', clientId: h.clientB.id, details: { request: 'New after the page' } },
      { actor: 'seed' },
    );
    const after = await both('/api/v1/tasks', auth);
    expect(after.answer.body).toContain(added.id);
    expect(after.answer.body).toBe(JSON.stringify(await h.tasks.listTasks({})));
  });

  it('leaves HEAD, conditional requests, bodies and other spellings of the path to express', async () => {
    const auth = { authorization: h.secretaryToken };
    await warm('/api/v1/tasks');
    const cases: [string, string, Record<string, string>][] = [
      ['HEAD', '/api/v1/tasks', auth],
      ['GET', '/api/v1/tasks', { ...auth, 'if-none-match': '*' }],
      [
        'GET',
        '/api/v1/tasks',
        { ...auth, 'content-type': 'application/json', 'content-length': '0' },
      ],
      ['GET', '/api/v1/tasks/', auth],
      ['GET', '/API/v1/tasks', auth],
    ];
    for (const [method, path, headers] of cases) {
      const { answer, did } = await both(path, headers, method);
      expect(did.answered).toBe(0);
      expect([200, 304]).toContain(answer.status);
    }
    // Not the task list at all: the lane does not even count it.
    expect((await both('/api/v1/clients', auth)).did).toEqual({ answered: 0, passed: 0 });
  });

  it('steps aside while debug logging is on, so every request is logged', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'debug',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const app = appOn(h, logger, {});
    try {
      const auth = { Authorization: h.secretaryToken };
      await request(requestListener(app)).get('/api/v1/tasks').set(auth).expect(200);
      await request(requestListener(app)).get('/api/v1/tasks').set(auth).expect(200);
      expect(app.locals.lane?.answered).toBe(0);
      expect(lines.filter((l) => l.includes('"route":"/api/v1/tasks"'))).toHaveLength(2);
    } finally {
      app.locals.stop?.();
    }
  });

  it('leaves requests with an Origin to express when CORS is on', async () => {
    const app = appOn(h, createSilentLogger(), { corsOrigins: ['https://intranet.example'] });
    try {
      const auth = { Authorization: h.secretaryToken, Origin: 'https://intranet.example' };
      await request(requestListener(app)).get('/api/v1/tasks').set(auth).expect(200);
      const res = await request(requestListener(app)).get('/api/v1/tasks').set(auth).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://intranet.example');
      expect(app.locals.lane?.answered).toBe(0);
    } finally {
      app.locals.stop?.();
    }
  });
});

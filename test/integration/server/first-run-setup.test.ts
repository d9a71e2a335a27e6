/**
 * First run through the API (issue 13): anyone may ask whether set-up is still open (a boolean,
 * nothing else); creating the first administrator with the one-time set-up token signs her in
 * the way POST /auth/login does (session cookie, CSRF cookie and token); then set-up is closed.
 * The real app on a real (in-memory) SQLite database; the clock is a fake one.
 */
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type SitedeskApp } from '../../../src/server/app.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createFakeClock, type FakeClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createAccounts, type Accounts } from '../../../src/tasks/accounts/index.js';
import { createTaskService } from '../../../src/tasks/index.js';

const PASSWORD = 'long enough password';

let store: Store;
let clock: FakeClock;
let accounts: Accounts;
let app: SitedeskApp;
let token: string;

beforeEach(async () => {
  store = await openStore({ dataDir: ':memory:' });
  clock = createFakeClock(Date.UTC(2026, 2, 2, 8));
  const tasks = createTaskService({ store, clock });
  accounts = await createAccounts({ store, clock, newId: tasks.deps.newId });
  app = createApp({
    version: 't',
    logger: createSilentLogger(),
    secrets: { store: createMemorySecretStore(), reason: 'test' },
    api: { tasks, accounts, clock, uploadDir: '/nonexistent' },
  });
  token = (await accounts.createSetupToken()) ?? '';
  expect(token).toMatch(/^sds_/);
});

afterEach(async () => {
  app.locals.stop?.();
  await store.close();
});

/** The cookies of an answer, by name: value and attributes. */
function cookiesOf(res: request.Response): Map<string, { value: string; attributes: string }> {
  const out = new Map<string, { value: string; attributes: string }>();
  for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
    const [pair = '', ...rest] = line.split(';');
    const eq = pair.indexOf('=');
    out.set(pair.slice(0, eq), {
      value: decodeURIComponent(pair.slice(eq + 1)),
      attributes: rest.join(';'),
    });
  }
  return out;
}

describe('GET /api/v1/setup', () => {
  it('says only whether set-up is open: true on a fresh install, false once an account exists', async () => {
    const open = await request(app).get('/api/v1/setup').expect(200);
    expect(open.body).toEqual({ setupOpen: true });
    expect(open.headers['set-cookie']).toBeUndefined();
    await accounts.addUser({ username: 'made-by-cli', password: PASSWORD, role: 'secretary' });
    const closed = await request(app).get('/api/v1/setup').expect(200);
    expect(closed.body).toEqual({ setupOpen: false });
  });

  it('answers the same to a signed-in caller: nothing more about accounts', async () => {
    await request(app).post('/api/v1/setup').send({ token, username: 'owner', password: PASSWORD });
    const login = await request(app)
      .post('/api/v1/auth/login')
      .send({ username: 'owner', password: PASSWORD })
      .expect(200);
    const cookie = [...cookiesOf(login)].map(([k, v]) => `${k}=${v.value}`).join('; ');
    const res = await request(app).get('/api/v1/setup').set('Cookie', cookie).expect(200);
    expect(res.body).toEqual({ setupOpen: false });
  });

  it('refuses a query it does not take', async () => {
    const res = await request(app).get('/api/v1/setup?users=1').expect(400);
    expect(res.body.error.details[0].path).toBe('query.users');
  });
});

describe('POST /api/v1/setup', () => {
  it('creates the first administrator and signs her in as sign-in does', async () => {
    const res = await request(app)
      .post('/api/v1/setup')
      .send({ token, username: 'owner', password: PASSWORD })
      .expect(201);
    expect(res.body.user).toMatchObject({ username: 'owner', role: 'admin', language: null });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    expect(res.body.csrfToken).toEqual(expect.any(String));
    expect(Date.parse(res.body.expiresAt)).toBe(clock.now() + 12 * 3600_000);
    const cookies = cookiesOf(res);
    const session = cookies.get('sitedesk_session');
    const csrf = cookies.get('sitedesk_csrf');
    expect(session?.attributes).toMatch(/HttpOnly/);
    expect(session?.attributes).toMatch(/SameSite=Strict/);
    expect(csrf?.attributes).not.toMatch(/HttpOnly/);
    expect(csrf?.value).toBe(res.body.csrfToken);
    // The answer never carries the session token itself, nor the set-up token.
    expect(JSON.stringify(res.body)).not.toContain(session?.value);
    expect(JSON.stringify(res.body)).not.toContain(token);

    const cookie = `sitedesk_session=${session?.value}; sitedesk_csrf=${csrf?.value}`;
    const me = await request(app).get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ kind: 'user', user: { username: 'owner', role: 'admin' } });
    // A write with the cookie and the CSRF token from the answer goes through …
    await request(app)
      .put('/api/v1/auth/me/language')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', res.body.csrfToken)
      .send({ language: 'cs' })
      .expect(200);
    // … and without the token it is refused, as for any session.
    await request(app)
      .put('/api/v1/auth/me/language')
      .set('Cookie', cookie)
      .send({ language: 'en' })
      .expect(403);
    // An admin: she may add the secretary.
    await request(app)
      .post('/api/v1/users')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', res.body.csrfToken)
      .send({ username: 'jana', password: PASSWORD, role: 'secretary' })
      .expect(201);
    expect((await request(app).get('/api/v1/setup')).body).toEqual({ setupOpen: false });
  });

  it('still needs the set-up token: missing, wrong or expired is refused and signs no one in', async () => {
    const missing = await request(app)
      .post('/api/v1/setup')
      .send({ username: 'owner', password: PASSWORD })
      .expect(400);
    expect(missing.body.error.details[0].path).toBe('body.token');
    const wrong = await request(app)
      .post('/api/v1/setup')
      .send({ token: 'sds_wrongwrongwrongwrong', username: 'owner', password: PASSWORD })
      .expect(403);
    expect(wrong.body.error.code).toBe('setup_refused');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    await clock.advance(24 * 3600_000 + 1);
    const expired = await request(app)
      .post('/api/v1/setup')
      .send({ token, username: 'owner', password: PASSWORD })
      .expect(403);
    expect(expired.headers['set-cookie']).toBeUndefined();
    expect(await accounts.listUsers()).toEqual([]);
    expect((await request(app).get('/api/v1/setup')).body).toEqual({ setupOpen: true });
  });

  it('works once: a second set-up with the same token is refused, also when both come at once', async () => {
    const both = await Promise.all(
      ['first', 'second'].map((username) =>
        request(app).post('/api/v1/setup').send({ token, username, password: PASSWORD }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 403]);
    const users = await accounts.listUsers();
    expect(users).toHaveLength(1);
    expect(users[0]?.role).toBe('admin');
    const again = await request(app)
      .post('/api/v1/setup')
      .send({ token, username: 'third', password: PASSWORD })
      .expect(403);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('hands the token back when the account cannot be made, so set-up can be repeated', async () => {
    // The service itself (the CLI could call it too) claims the token first; a refused account
    // must not use it up.
    await expect(
      accounts.completeSetup(token, { username: 'Not A Name', password: PASSWORD }),
    ).rejects.toThrow(/username/);
    const weak = await request(app)
      .post('/api/v1/setup')
      .send({ token, username: 'owner', password: 'short' })
      .expect(400);
    expect(weak.body.error.details[0].path).toBe('body.password');
    await request(app)
      .post('/api/v1/setup')
      .send({ token, username: 'owner', password: PASSWORD })
      .expect(201);
  });

  it('is in the OpenAPI document, public, with the set-up token required', async () => {
    const doc = await request(app).get('/api/openapi.json').expect(200);
    const setup = doc.body.paths['/api/v1/setup'];
    expect(setup.get['x-access']).toBe('public');
    expect(setup.post['x-access']).toBe('public');
    expect(setup.post.requestBody.content['application/json'].schema.required).toContain('token');
  });
});

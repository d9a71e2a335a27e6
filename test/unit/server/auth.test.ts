import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createFakeClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/index.js';
import { createAccounts } from '../../../src/tasks/accounts/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { ADMIN_PASSWORD, assertNoLeak, createHarness, login, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ loginLimit: { maxFailures: 3, windowMs: 60_000 } });
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie; Secure only over HTTPS', async () => {
    const res = await request(h.http)
      .post('/api/v1/auth/login')
      .send({ username: 'sec', password: ADMIN_PASSWORD })
      .expect(200);
    const session = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('sitedesk_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toMatch(/Secure/);
    expect(res.body.user).toMatchObject({ username: 'sec', role: 'secretary' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('marks cookies Secure behind an HTTPS proxy when trust proxy is set', async () => {
    const proxied = await createHarness({ trustProxy: 'loopback' });
    try {
      const res = await request(proxied.http)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ username: 'sec', password: ADMIN_PASSWORD })
        .expect(200);
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(cookies.every((c) => /; Secure/.test(c))).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one', async () => {
    const body = { name: 'Via cookie', timezone: 'Europe/Prague' };
    const none = await request(h.http)
      .post('/api/v1/clients')
      .set('Cookie', h.secretary.cookie)
      .send(body)
      .expect(403);
    expect(none.body.error.code).toBe('csrf_failed');
    const wrong = await request(h.http)
      .post('/api/v1/clients')
      .set('Cookie', h.secretary.cookie)
      .set('X-CSRF-Token', h.admin.csrf)
      .send(body)
      .expect(403);
    expect(wrong.body.error.code).toBe('csrf_failed');
    expect((await h.tasks.listClients()).map((c) => c.name)).not.toContain('Via cookie');
    await request(h.http)
      .post('/api/v1/clients')
      .set('Cookie', h.secretary.cookie)
      .set('X-CSRF-Token', h.secretary.csrf)
      .send(body)
      .expect(201);
    // Reads need no token.
    await request(h.http).get('/api/v1/clients').set('Cookie', h.secretary.cookie).expect(200);
  });

  it('refuses a cookie write from another site even with the right CSRF token; its own pages pass', async () => {
    const body = { name: 'Via other origin', timezone: 'Europe/Prague' };
    const write = () =>
      request(h.http)
        .post('/api/v1/clients')
        .set('Cookie', h.secretary.cookie)
        .set('X-CSRF-Token', h.secretary.csrf);
    for (const [header, value] of [
      ['Origin', 'https://evil.example'],
      ['Origin', 'null'],
      ['Referer', 'https://evil.example/page'],
    ] as const) {
      const res = await write().set(header, value).send(body).expect(403);
      expect(res.body.error.code, `${header}: ${value}`).toBe('origin_refused');
    }
    expect((await h.tasks.listClients()).map((c) => c.name)).not.toContain('Via other origin');
    // The service's own page (same host), and a script that names no origin, pass.
    const res = await write()
      .set('Host', 'desk.example:8080')
      .set('Origin', 'http://desk.example:8080')
      .send(body)
      .expect(201);
    expect(res.body.name).toBe('Via other origin');
    // A bearer token (API scripts) is not a cookie: no origin rule.
    await request(h.http)
      .post('/api/v1/clients')
      .set('Authorization', h.secretaryToken)
      .set('Origin', 'https://evil.example')
      .send({ name: 'Via token', timezone: 'Europe/Prague' })
      .expect(201);
  });

  it('logs out: the cookie no longer opens anything', async () => {
    const s = await login(h.http, 'sec', ADMIN_PASSWORD);
    await request(h.http).get('/api/v1/auth/me').set('Cookie', s.cookie).expect(200);
    await request(h.http)
      .post('/api/v1/auth/logout')
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrf)
      .expect(204);
    await request(h.http).get('/api/v1/auth/me').set('Cookie', s.cookie).expect(401);
  });

  it('expires sessions after 12 hours', async () => {
    const s = await login(h.http, 'admin', ADMIN_PASSWORD);
    await h.clock.advance(12 * 3600_000 + 1);
    await request(h.http).get('/api/v1/auth/me').set('Cookie', s.cookie).expect(401);
    h.admin = await login(h.http, 'admin', ADMIN_PASSWORD);
    h.secretary = await login(h.http, 'sec', ADMIN_PASSWORD);
  });

  it('rate-limits failed logins per user name with 429 and Retry-After, and lets in after the window', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await request(h.http)
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: `wrong ${i}` })
        .expect(401);
      expect(res.body.error.code).toBe('login_failed');
    }
    const limited = await request(h.http)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await h.clock.advance(61_000);
    await request(h.http)
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(200);
  });

  it('stores passwords as scrypt with a per-user salt', async () => {
    const rows = await h.store.db
      .withTables<{ users: { username: string; password_hash: string } }>()
      .selectFrom('users')
      .select(['username', 'password_hash'])
      .execute();
    const hashes = rows.map((r) => r.password_hash);
    expect(hashes.every((x) => x.startsWith('scrypt$'))).toBe(true);
    // Same password, different salts → different hashes.
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(hashes.join()).not.toContain(ADMIN_PASSWORD);
  });
});

describe('API tokens', () => {
  it('shows a token once, stores only its hash, and stops it when revoked', async () => {
    const made = await request(h.http)
      .post('/api/v1/tokens')
      .set('Cookie', h.secretary.cookie)
      .set('X-CSRF-Token', h.secretary.csrf)
      .send({ name: 'backup script' })
      .expect(201);
    const token = made.body.token as string;
    expect(token).toMatch(/^sdt_[A-Za-z0-9_-]{43}$/);
    const listed = await request(h.http)
      .get('/api/v1/tokens')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.items.map((t: { name: string }) => t.name)).toContain('backup script');
    const stored = await h.store.db
      .withTables<{ api_tokens: { token_hash: string } }>()
      .selectFrom('api_tokens')
      .select('token_hash')
      .execute();
    expect(stored.map((r) => r.token_hash).join()).not.toContain(token);
    await request(h.http)
      .delete(`/api/v1/tokens/${made.body.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(204);
    await request(h.http).get('/api/v1/tokens').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('answers a malformed Authorization header with 401', async () => {
    const res = await request(h.http)
      .get('/api/v1/clients')
      .set('Authorization', 'Basic abc')
      .expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

describe('first admin', () => {
  it('is made once with the set-up token printed at first start', async () => {
    const store = await openStore({ dataDir: ':memory:' });
    const clock = createFakeClock();
    const tasks = createTaskService({ store, clock });
    const accounts = await createAccounts({ store, clock });
    const app = createApp({
      version: 't',
      logger: createSilentLogger(),
      secrets: { store: createMemorySecretStore(), reason: 'test' },
      api: { tasks, accounts, clock, uploadDir: '/nonexistent' },
    });
    try {
      const token = await accounts.createSetupToken();
      expect(token).toMatch(/^sds_/);
      const bad = await request(app)
        .post('/api/v1/setup')
        .send({ token: 'sds_wrongwrongwrong', username: 'boss', password: 'long enough password' })
        .expect(403);
      expect(bad.body.error.code).toBe('setup_refused');
      const weak = await request(app)
        .post('/api/v1/setup')
        .send({ token, username: 'boss', password: 'short' })
        .expect(400);
      expect(weak.body.error.details).toEqual([expect.objectContaining({ path: 'body.password' })]);
      const ok = await request(app)
        .post('/api/v1/setup')
        .send({ token, username: 'boss', password: 'long enough password' })
        .expect(201);
      expect(ok.body.user).toMatchObject({ username: 'boss', role: 'admin' });
      await request(app)
        .post('/api/v1/setup')
        .send({ token, username: 'boss2', password: 'long enough password' })
        .expect(403);
      expect(await accounts.createSetupToken()).toBeUndefined();
      await request(app)
        .post('/api/v1/auth/login')
        .send({ username: 'boss', password: 'long enough password' })
        .expect(200);
    } finally {
      await store.close();
    }
  });
});

describe('prepareApi (what sitedesk serve calls)', () => {
  it('gives a set-up token only while no account exists, and the app serves the API', async () => {
    const { prepareApi } = await import('../../../src/server/prepare.js');
    const store = await openStore({ dataDir: ':memory:' });
    try {
      const { api, setupToken } = await prepareApi({ dataDir: '/tmp/unused' }, { store });
      expect(setupToken).toMatch(/^sds_[A-Za-z0-9_-]{43}$/);
      expect(api.uploadDir).toBe('/tmp/unused/uploads');
      const app = createApp({
        version: 't',
        logger: createSilentLogger(),
        secrets: { store: createMemorySecretStore(), reason: 'test' },
        api,
      });
      await request(app)
        .post('/api/v1/setup')
        .send({ token: setupToken, username: 'owner', password: 'long enough password' })
        .expect(201);
      const again = await prepareApi({ dataDir: '/tmp/unused' }, { store });
      expect(again.setupToken).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('CORS', () => {
  it('is off by default and, when origins are listed, allows exactly those without credentials', async () => {
    const open = await createHarness({ corsOrigins: ['https://intranet.example'] });
    try {
      const preflight = await request(open.http)
        .options('/api/v1/tasks')
        .set('Origin', 'https://intranet.example')
        .set('Access-Control-Request-Method', 'GET')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://intranet.example');
      expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const get = await request(open.http)
        .get('/api/v1/tasks')
        .set('Origin', 'https://intranet.example')
        .set('Authorization', open.adminToken)
        .expect(200);
      expect(get.headers['access-control-allow-origin']).toBe('https://intranet.example');
      const other = await request(open.http)
        .get('/api/v1/tasks')
        .set('Origin', 'https://intranet.example.evil')
        .set('Authorization', open.adminToken)
        .expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      assertNoLeak(open);
      await open.close();
    }
    const closed = await request(h.http)
      .get('/api/v1/tasks')
      .set('Origin', 'https://intranet.example')
      .set('Authorization', h.adminToken)
      .expect(200);
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
  });
});

/**
 * The web app's language is saved per user (issue 8): `GET /api/v1/auth/me` names it,
 * `PUT /api/v1/auth/me/language` saves it (cookie writes need the CSRF token), and an accounts
 * database made before migration 0002 gains the column without losing its users.
 */
import { sql } from 'kysely';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../src/shared/clock.js';
import { accountsMigration } from '../../../src/store/migrations/0015-accounts.js';
import { openStore } from '../../../src/store/index.js';
import { createAccounts } from '../../../src/tasks/accounts/index.js';
import { ADMIN_PASSWORD, assertNoLeak, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

describe('language per user', () => {
  it('is null until chosen, then saved for the user (not for the session)', async () => {
    const before = await request(h.http)
      .get('/api/v1/auth/me')
      .set('Cookie', h.secretary.cookie)
      .expect(200);
    expect(before.body.user).toMatchObject({ username: 'sec', language: null });
    const saved = await request(h.http)
      .put('/api/v1/auth/me/language')
      .set('Cookie', h.secretary.cookie)
      .set('X-CSRF-Token', h.secretary.csrf)
      .send({ language: 'cs' })
      .expect(200);
    expect(saved.body).toEqual({ language: 'cs' });
    // The same user through an API token sees it too; the admin does not.
    const viaToken = await request(h.http)
      .get('/api/v1/auth/me')
      .set('Authorization', h.secretaryToken)
      .expect(200);
    expect(viaToken.body.user.language).toBe('cs');
    const admin = await request(h.http)
      .get('/api/v1/auth/me')
      .set('Cookie', h.admin.cookie)
      .expect(200);
    expect(admin.body.user.language).toBeNull();
    // Signing in again (another browser) brings the saved language along.
    const login = await request(h.http)
      .post('/api/v1/auth/login')
      .send({ username: 'sec', password: ADMIN_PASSWORD })
      .expect(200);
    expect(login.body.user.language).toBe('cs');
  });

  it('refuses a cookie write without the CSRF token, and a language it does not speak', async () => {
    const noCsrf = await request(h.http)
      .put('/api/v1/auth/me/language')
      .set('Cookie', h.admin.cookie)
      .send({ language: 'cs' })
      .expect(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
    const bad = await request(h.http)
      .put('/api/v1/auth/me/language')
      .set('Cookie', h.admin.cookie)
      .set('X-CSRF-Token', h.admin.csrf)
      .send({ language: 'de' })
      .expect(400);
    expect(bad.body.error.details[0].path).toBe('body.language');
    expect(await h.accounts.getUserLanguage((await adminId()) ?? '')).toBeNull();
  });

  it('a client link may not set a language', async () => {
    await request(h.http)
      .put('/api/v1/auth/me/language')
      .set('Authorization', h.linkA)
      .send({ language: 'en' })
      .expect(403);
  });
});

async function adminId(): Promise<string | undefined> {
  return (await h.accounts.listUsers()).find((u) => u.username === 'admin')?.id;
}

describe('store migration 0015-accounts', () => {
  // Before 0015 the accounts tables had their own ledger (`accounts_migration`); a database made
  // then, whose ledger had not yet added the language column, is brought into the store's list.
  it('adopts accounts tables made by the old ledger, keeping the users and adding what is missing', async () => {
    const store = await openStore({ dataDir: ':memory:' });
    try {
      const clock = createFakeClock(Date.UTC(2026, 0, 1));
      const first = await createAccounts({ store, clock });
      await first.addUser({ username: 'old', password: 'a long enough password' });
      // Back to the state of such a database: no language column, the old ledger.
      await sql`ALTER TABLE users DROP COLUMN language`.execute(store.db);
      await sql`CREATE TABLE accounts_migration (name text PRIMARY KEY, timestamp text)`.execute(
        store.db,
      );
      // Migration 0015 itself, as it runs on such a database at its upgrade.
      await accountsMigration.up(store.db);
      const tables = (await store.db.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('accounts_migration');
      const again = await createAccounts({ store, clock });
      const [old] = await again.listUsers();
      expect(old?.username).toBe('old');
      expect(await again.getUserLanguage(old?.id ?? '')).toBeNull();
      await again.setUserLanguage(old?.id ?? '', 'en');
      expect(await again.getUserLanguage(old?.id ?? '')).toBe('en');
    } finally {
      await store.close();
    }
  });
});

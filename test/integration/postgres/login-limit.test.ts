// Issue 22: on PostgreSQL the sign-in rate limit is one count for all instances (table
// login_failures). Two apps, each with its own connection pool to one real database, stand for
// two instances behind a load balancer: guesses spread over both are counted together. With the
// in-memory limiter each instance would allow its own 3 and the fourth login would pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createApp } from '../../../src/server/app.js';
import { createFakeClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import type { Store } from '../../../src/store/index.js';
import { createAccounts } from '../../../src/tasks/accounts/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
const uploadDir = mkdtempSync(join(tmpdir(), 'sitedesk-login-limit-'));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));
const PASSWORD = 'a long enough password 1';

async function instance(store: Store, clock: ReturnType<typeof createFakeClock>) {
  const tasks = createTaskService({ store, clock });
  const accounts = await createAccounts({ store, clock, newId: tasks.deps.newId });
  return {
    accounts,
    app: createApp({
      version: '0.0.0-test',
      logger: createSilentLogger(),
      secrets: { store: createMemorySecretStore(), reason: 'test' },
      api: { tasks, accounts, clock, uploadDir, loginLimit: { maxFailures: 3, windowMs: 60_000 } },
    }),
  };
}

it('counts failed sign-ins across instances on one database, and lets in after the window', async () => {
  const url = await postgres.freshDatabase();
  const clock = createFakeClock(Date.UTC(2026, 2, 2, 8));
  const a = await instance(await postgres.open(url), clock);
  const b = await instance(await postgres.open(url), clock);
  await a.accounts.addUser({ username: 'anna', password: PASSWORD, role: 'admin' });
  const login = (app: typeof a.app, password: string) =>
    request(app).post('/api/v1/auth/login').send({ username: 'anna', password });

  // Three wrong passwords, spread over both instances.
  await login(a.app, 'wrong 1').expect(401);
  await login(b.app, 'wrong 2').expect(401);
  await login(a.app, 'wrong 3').expect(401);
  // Now both refuse, even the right password, and say when to try again.
  for (const app of [b.app, a.app]) {
    const refused = await login(app, PASSWORD).expect(429);
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  }
  await clock.advance(60_001);
  await login(b.app, PASSWORD).expect(200);
  // A successful sign-in clears the count: one more failure is not yet a refusal.
  await login(a.app, 'wrong 4').expect(401);
  await login(a.app, PASSWORD).expect(200);
});

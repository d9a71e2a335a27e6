/**
 * The task service's own tests (test/unit/tasks), run unchanged against PostgreSQL: every
 * harness there opens its store through openTestStore(), which usePostgres() routes to a fresh
 * PostgreSQL database. The same files run on in-memory SQLite in the unit tier.
 */
import { afterAll, expect } from 'vitest';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
// Registered before the imported files' hooks: runs after them, once every test used its store.
afterAll(() => expect(postgres.databasesMade).toBeGreaterThan(10));

await import('../../unit/tasks/tasks.test.js');
await import('../../unit/tasks/publish.test.js');
await import('../../unit/tasks/schedules.test.js');
await import('../../unit/tasks/runner-leases.test.js');
await import('../../unit/tasks/runner.test.js');
await import('../../unit/tasks/transitions.test.js');
await import('../../unit/tasks/validation.test.js');
await import('../../unit/tasks/mail-take.test.js');
await import('../../unit/tasks/uploads-prune.test.js');
await import('../../unit/tasks/regions-store.test.js');
await import('../../unit/tasks/plain-fields.test.js');

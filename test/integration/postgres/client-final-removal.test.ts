/**
 * The final removal of a client (issue 21) on PostgreSQL: the API test of test/unit/server runs
 * unchanged against a fresh PostgreSQL database (openTestStore() is routed there), so the
 * history's permit (migration 0018, a plpgsql trigger there) and the deletes are proven on it.
 */
import { afterAll, expect } from 'vitest';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
afterAll(() => expect(postgres.databasesMade).toBeGreaterThan(0));

await import('../../unit/server/client-final-removal-api.test.js');

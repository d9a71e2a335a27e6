import type { Kysely, Migration } from 'kysely';

/**
 * Failed sign-ins per key (`ip:…`, `user:…`) within a window (issue 22): on PostgreSQL every
 * instance behind a load balancer counts in this one table, so trying passwords against one
 * instance after another gains nothing. SQLite keeps counting in memory (one instance).
 */
export const loginFailuresMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('login_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('reset_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('login_failures_reset_at')
      .on('login_failures')
      .column('reset_at')
      .execute();
  },
};

import type { Kysely, Migration } from 'kysely';

/**
 * Issue 14 "Sites": the last check of each site, so a site that failed it is marked "not
 * working yet" with the cause and cannot be chosen for publishing until a check passes.
 * `check_ok` is 1 or 0 (null: never checked, e.g. saved by an earlier version),
 * `check_at` an ISO instant and `check_cause` the cause as JSON text ({ code, message, fix? }).
 */
export const siteChecksMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('sites').addColumn('check_ok', 'integer').execute();
    await db.schema.alterTable('sites').addColumn('check_at', 'text').execute();
    await db.schema.alterTable('sites').addColumn('check_cause', 'text').execute();
  },
};

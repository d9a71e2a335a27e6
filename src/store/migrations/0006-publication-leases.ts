import type { Kysely, Migration } from 'kysely';

/**
 * Issue 17: work is owned by lease. A publication being published names its `owner` (one
 * runner in one process) and the time its lease runs out; the owner renews it while it works,
 * and any runner on the same database takes over a publication whose lease ran out (its owner
 * was killed), so `sitedesk publish`, `run` and `serve` can share a database without stuck or
 * doubled work. Rows left `publishing` by an earlier version have no lease: taken over at once.
 */
export const publicationLeasesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('publications').addColumn('owner', 'text').execute();
    await db.schema.alterTable('publications').addColumn('lease_until', 'text').execute();
  },
};

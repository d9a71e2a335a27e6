import type { Kysely, Migration } from 'kysely';

/**
 * Live-page verification of publications: when the next check is due and how many were made
 * (a static site may need minutes to build and deploy before its page appears).
 */
export const verificationMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('publications').addColumn('next_verify_at', 'text').execute();
    await db.schema
      .alterTable('publications')
      .addColumn('verify_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('publications_verify')
      .on('publications')
      .columns(['state', 'next_verify_at'])
      .execute();
  },
};

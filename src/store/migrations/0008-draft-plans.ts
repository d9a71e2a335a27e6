import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Issue 15 ("nothing lost"): a draft keeps everything the secretary chose, and two tabs cannot
 * overwrite each other. `revision` counts the saved versions of a content item (a change names
 * the revision it was made on; an older one is refused with the current version). `site_ids`
 * (JSON array) and `publish_at` are the sites and the time she picked for a text that has not
 * gone out yet; the publish request still names the sites it publishes to.
 */
export const draftPlansMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('content_items')
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable('content_items')
      .addColumn('site_ids', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
      .execute();
    await db.schema.alterTable('content_items').addColumn('publish_at', 'text').execute();
  },
};

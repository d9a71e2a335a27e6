import type { Kysely, Migration } from 'kysely';

/**
 * Issue 7's last routes. `uploads`: images the agency uploads for content items, one row per
 * saved file, so an API caller names an image by its upload id and never by a path on the
 * server's disk (`filename` is the safe name Markdown refers to, `path` is inside the upload
 * folder). `archived_at` on clients and sites: removing one that history, tasks or
 * publications still name hides it instead of destroying it (history is append-only).
 */
export const uploadsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('clients').addColumn('archived_at', 'text').execute();
    await db.schema.alterTable('sites').addColumn('archived_at', 'text').execute();
  },
};

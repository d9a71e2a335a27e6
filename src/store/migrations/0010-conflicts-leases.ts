import type { Kysely, Migration } from 'kysely';

/**
 * Issue 17, continued.
 * - `publication_texts`: per publication to a git site, the file as sitedesk rendered it at
 *   its last publish (the base of the three-way merge with what others changed on the site),
 *   the open conflict (both versions, JSON) and the secretary's decision on it (JSON). Kept
 *   out of `publications`, whose rows the runner and the lists read often.
 * (A running mailing's lease — `mailings.owner` / `lease_until` — came with 0009-mail-recovery.)
 */
export const conflictsLeasesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('publication_texts')
      .addColumn('publication_id', 'text', (c) => c.primaryKey().references('publications.id'))
      .addColumn('rendered', 'text')
      .addColumn('conflict', 'text')
      .addColumn('decision', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

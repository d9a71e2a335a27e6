import type { Kysely, Migration } from 'kysely';

/**
 * A removed letterhead that letters already went out on is archived, not deleted (issue 20):
 * `archived_at` hides it from lists and pickers while the letters that name it keep their
 * record. The PDFs that went out do not need it — they are kept in `letter_register`.
 */
export const letterheadArchiveMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('letterheads').addColumn('archived_at', 'text').execute();
  },
};

import type { Kysely, Migration } from 'kysely';

/**
 * `0002-user-language`: the language each agency user reads the web app in (issue 8: the
 * language is per user, not per browser). Nullable: null means "not chosen yet", and the app
 * then keeps the browser's choice.
 */
export const userLanguageMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('users').addColumn('language', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('users').dropColumn('language').execute();
  },
};

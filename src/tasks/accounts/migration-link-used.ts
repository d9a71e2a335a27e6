import type { Kysely, Migration } from 'kysely';

/**
 * `0003-client-link-last-used`: when a client's private link last opened the client's space
 * (issue 13: the Clients screen lists the live links with their last use, so the secretary can
 * tell an old link still in use from a forgotten one). Null until first used.
 */
export const clientLinkLastUsedMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('client_links').addColumn('last_used_at', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('client_links').dropColumn('last_used_at').execute();
  },
};

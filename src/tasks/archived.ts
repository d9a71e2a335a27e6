/**
 * The `archived_at` columns of clients and sites (migration 0004), typed for Kysely beside the
 * store's own schema, as the mail tables are. A removed client or site that history, tasks or
 * publications still name is archived: hidden from lists and refused for new work, while
 * what already happened keeps its names.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';

type ArchiveColumns = {
  clients: { archived_at: string | null };
  sites: { archived_at: string | null };
};

/** The database with the archive columns typed. */
export type ArchiveDatabase = Database & ArchiveColumns;

/** `db` (or a transaction) with the archive columns typed; same connection. */
export function archiveDb(db: Kysely<Database>): Kysely<ArchiveDatabase> {
  return db.withTables<ArchiveColumns>();
}

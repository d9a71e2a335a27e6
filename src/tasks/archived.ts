/**
 * The `archived_at` columns of clients and sites (migration 0004), typed for Kysely beside the
 * store's own schema, as the mail tables are. A removed client or site that history, tasks or
 * publications still name is archived: hidden from lists and refused for new work, while
 * what already happened keeps its names.
 */
import type { Kysely } from 'kysely';
import type { FieldIssue } from '../shared/errors.js';
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

/**
 * Issues for new work naming client `id` (a task, site, content item or schedule): unknown, or
 * archived — an archived client gets no new work, only its history stays readable.
 */
export async function clientIssues(
  db: Kysely<Database>,
  id: string,
  path = 'clientId',
): Promise<FieldIssue[]> {
  const row = await archiveDb(db)
    .selectFrom('clients')
    .select('archived_at')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return [{ path, message: 'no client has this id' }];
  if (row.archived_at !== null) return [{ path, message: 'this client was archived' }];
  return [];
}

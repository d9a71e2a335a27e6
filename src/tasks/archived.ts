/**
 * A removed client or site that history, tasks or publications still name is archived
 * (`archived_at`, migration 0004): hidden from lists and refused for new work, while what
 * already happened keeps its names.
 */
import type { Kysely } from 'kysely';
import type { FieldIssue } from '../shared/errors.js';
import type { Database } from '../store/index.js';

/**
 * Issues for new work naming client `id` (a task, site, content item or schedule): unknown, or
 * archived — an archived client gets no new work, only its history stays readable.
 */
export async function clientIssues(
  db: Kysely<Database>,
  id: string,
  path = 'clientId',
): Promise<FieldIssue[]> {
  const row = await db
    .selectFrom('clients')
    .select('archived_at')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return [{ path, message: 'no client has this id' }];
  if (row.archived_at !== null) return [{ path, message: 'this client was archived' }];
  return [];
}

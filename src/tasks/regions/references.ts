import type { Kysely } from 'kysely';
import type { FieldIssue } from '../../shared/errors.js';
import type { Database } from '../../store/index.js';

/** Issues for region ids that are unknown or belong to another client (path `regionIds.N`). */
export async function regionIssues(
  db: Kysely<Database>,
  clientId: string,
  ids: string[],
  path = 'regionIds',
): Promise<FieldIssue[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('site_regions')
    .select(['id', 'client_id'])
    .where('id', 'in', ids)
    .execute();
  const owner = new Map(rows.map((r) => [r.id, r.client_id]));
  return ids.flatMap((id, index) => {
    const at = `${path}.${index}`;
    if (!owner.has(id)) return [{ path: at, message: 'no region has this id' }];
    if (owner.get(id) !== clientId)
      return [{ path: at, message: 'this region belongs to another client' }];
    return [];
  });
}

import type { Kysely, Transaction } from 'kysely';
import type { FieldIssue } from '../../shared/errors.js';
import { invalid } from '../validate.js';
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

/**
 * Issues for sites a region item is asked onto that hold none of its regions (it would fail
 * there); none for other kinds of item.
 */
export async function regionSiteIssues(
  trx: Transaction<Database>,
  contentItemId: string,
  siteIds: string[],
): Promise<FieldIssue[]> {
  const item = await trx
    .selectFrom('content_items')
    .select(['kind', 'region_ids'])
    .where('id', '=', contentItemId)
    .executeTakeFirst();
  if (item?.kind !== 'region') return [];
  const ids = item.region_ids === null ? [] : (JSON.parse(item.region_ids) as string[]);
  const rows = ids.length
    ? await trx.selectFrom('site_regions').select('site_id').where('id', 'in', ids).execute()
    : [];
  const sites = new Set(rows.map((r) => r.site_id));
  return siteIds.flatMap((id, index) =>
    sites.has(id)
      ? []
      : [
          {
            path: `siteIds.${index}`,
            message: 'none of this region text’s regions is on this site',
          },
        ],
  );
}

/** The sites of regions `ids` of a client (400 on `target.regionIds.N` for a wrong id). */
export async function regionSites(
  trx: Transaction<Database>,
  clientId: string,
  ids: string[],
  path = 'target.regionIds',
): Promise<string[]> {
  const issues = await regionIssues(trx, clientId, ids, path);
  if (issues.length) throw invalid('schedule', issues);
  const rows = await trx
    .selectFrom('site_regions')
    .select('site_id')
    .where('id', 'in', ids)
    .execute();
  return [...new Set(rows.map((r) => r.site_id))];
}

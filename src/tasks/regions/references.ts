import type { Transaction } from 'kysely';
import type { FieldIssue } from '../../shared/errors.js';
import { regionIssues } from '../task-list/references.js';
import { invalid } from '../validate.js';
import type { Database } from '../../store/index.js';

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

import type { Transaction } from 'kysely';
import type { FieldIssue } from '../shared/errors.js';
import type { Database } from '../store/index.js';
import type { TaskKindDetails } from './types.js';
import { archiveDb, clientIssues } from './archived.js';
import { invalid } from './validate.js';

/**
 * Checks that every id a task names exists and belongs to the task's client (a client never
 * sees another client's anything, so a task may not join them). Throws a ValidationError
 * naming each wrong field.
 */
export async function checkTaskReferences(
  trx: Transaction<Database>,
  what: string,
  clientId: string,
  kindDetails: TaskKindDetails,
): Promise<void> {
  const issues: FieldIssue[] = await clientIssues(trx, clientId);
  if (kindDetails.kind === 'publish') {
    const { contentItemId, siteIds } = kindDetails.details;
    issues.push(...(await checkContentItem(trx, clientId, contentItemId, 'details.contentItemId')));
    issues.push(...(await checkSites(trx, clientId, siteIds, 'details.siteIds')));
  }
  if (kindDetails.kind === 'site-edit' && kindDetails.details.siteId !== undefined) {
    issues.push(
      ...(await checkSites(trx, clientId, [kindDetails.details.siteId], 'details.siteId')),
    );
  }
  if (issues.length) throw invalid(what, issues);
}

/** Issues for a content item that is missing or belongs to another client. */
export async function checkContentItem(
  trx: Transaction<Database>,
  clientId: string,
  id: string,
  path: string,
): Promise<FieldIssue[]> {
  const item = await trx
    .selectFrom('content_items')
    .select('client_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!item) return [{ path, message: 'no content item has this id' }];
  if (item.client_id !== clientId)
    return [{ path, message: 'this content item belongs to another client' }];
  return [];
}

/** Issues for sites that are missing or belong to another client. */
export async function checkSites(
  trx: Transaction<Database>,
  clientId: string,
  ids: string[],
  path: string,
): Promise<FieldIssue[]> {
  const rows = await archiveDb(trx)
    .selectFrom('sites')
    .select(['id', 'client_id', 'archived_at'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id, index) => {
    const at = ids.length === 1 && !path.endsWith('Ids') ? path : `${path}.${index}`;
    const site = byId.get(id);
    if (site === undefined) return [{ path: at, message: 'no site has this id' }];
    if (site.client_id !== clientId)
      return [{ path: at, message: 'this site belongs to another client' }];
    if (site.archived_at !== null) return [{ path: at, message: 'this site was removed' }];
    return [];
  });
}

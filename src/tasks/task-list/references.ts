/**
 * The ids new work names (its client, sites, content item, regions), checked to exist, to belong to the
 * work's client and to be in use. A removed client or site that history, tasks or publications
 * still name is archived (`archived_at`, migration 0004): hidden from lists and refused for new
 * work, while what already happened keeps its names.
 */
import type { Kysely, Transaction } from 'kysely';
import type { FieldIssue } from '../../shared/errors.js';
import type { Database } from '../../store/index.js';
import type { TaskKindDetails } from '../types.js';
import { invalid } from '../validate.js';

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
    // A site-edit task may well be about a site that does not work yet.
    issues.push(
      ...(await checkSites(trx, clientId, [kindDetails.details.siteId], 'details.siteId', {
        working: false,
      })),
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

/**
 * Issues for sites that are missing, belong to another client, were removed, or (unless
 * `working: false`) failed their last check — a site "not working yet" cannot be chosen for
 * publishing until a check passes (issue 14). A site never checked (saved by an earlier
 * version) is not refused: nothing says it is broken.
 */
export async function checkSites(
  trx: Transaction<Database>,
  clientId: string,
  ids: string[],
  path: string,
  options: { working?: boolean } = {},
): Promise<FieldIssue[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('sites')
    .select(['id', 'client_id', 'archived_at', 'check_ok', 'check_cause'])
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
    if (options.working !== false && site.check_ok === 0)
      return [{ path: at, message: notWorking(site.check_cause) }];
    return [];
  });
}

/** The issue of a site whose last check failed, with the cause it gave. */
function notWorking(causeJson: string | null): string {
  let cause = '';
  try {
    const parsed: unknown = causeJson ? JSON.parse(causeJson) : undefined;
    if (parsed && typeof parsed === 'object' && 'message' in parsed)
      cause = `: ${String(parsed.message)}`;
  } catch {
    // an unreadable cause still refuses the site
  }
  return `this site is not working yet${cause} — fix it and check the site again`;
}

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

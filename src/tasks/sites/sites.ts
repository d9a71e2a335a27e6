import { NotFoundError } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { clientIssues } from '../task-list/references.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { siteFromRow } from '../rows.js';
import { createSiteSchema, type CreateSiteInput } from '../schemas/entities.js';
import type { Site } from '../types.js';
import { invalid, parseInput } from '../validate.js';

/**
 * Adds a site with its settings only. The secret is not an input here: the caller stores it
 * in the SecretStore under `site:<id>` with the id returned (settings that look like a
 * secret are refused).
 */
export async function createSite(
  deps: ServiceDeps,
  input: CreateSiteInput,
  who: Actor,
): Promise<Site> {
  const data = parseInput(createSiteSchema, input, 'site');
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const issues = await clientIssues(trx, data.clientId);
    if (issues.length) throw invalid('site', issues);
    const id = deps.newId();
    const row = {
      id,
      client_id: data.clientId,
      name: data.name,
      kind: data.kind,
      url: data.url,
      settings: JSON.stringify(data.settings),
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('sites').values(row).execute();
    await appendHistory(trx, deps.newId, {
      entity: 'site',
      entityId: id,
      action: 'created',
      actor,
      at,
      changes: data,
    });
    return siteFromRow(row);
  });
}

/** The stored row of site `id` with its `archived_at` (in or out of a transaction), or NotFoundError. */
export async function loadSiteRow(db: ServiceDeps['db'], id: string) {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No site with id ${id}.`);
  return row;
}

/** One site, or NotFoundError. */
export async function getSite(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<Site> {
  const row = await loadSiteRow(deps.db, id);
  const site = siteFromRow(row);
  // An archived site still answers (publications and history name it), saying so.
  return row.archived_at === null ? site : { ...site, archivedAt: row.archived_at };
}

/** The sites of one client (or all), by name; removed (archived) sites are left out. */
export async function listSites(
  deps: Pick<ServiceDeps, 'db'>,
  filter: { clientId?: string } = {},
): Promise<Site[]> {
  let query = deps.db.selectFrom('sites').selectAll().where('archived_at', 'is', null);
  if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(siteFromRow);
}

/**
 * The regions sitedesk remembers per site (table `site_regions`, migration 0007): written by a
 * discovery, a read and an update; read by the API, the CLI, the runner and schedules.
 */
import type { Kysely, Transaction } from 'kysely';
import type { RegionScan, RegionPage } from '../../connectors/types.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Database } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import type { Site } from '../types.js';
import { labelOf, regionFromRow, type Region, type RegionRow } from './model.js';
import { regionProblem } from './problems.js';

type Db = Kysely<Database> | Transaction<Database>;

function regionRows(db: Db) {
  return db
    .selectFrom('site_regions')
    .innerJoin('sites', 'sites.id', 'site_regions.site_id')
    .selectAll('site_regions')
    .select(['sites.kind', 'sites.settings', 'sites.name as site_name']);
}

/** The remembered regions of a client's sites (removed sites left out), by site, page, name. */
export async function listRegions(
  deps: { db: Db },
  filter: { clientId?: string; siteId?: string } = {},
): Promise<Region[]> {
  let query = regionRows(deps.db).where('sites.archived_at', 'is', null);
  if (filter.clientId !== undefined)
    query = query.where('site_regions.client_id', '=', filter.clientId);
  if (filter.siteId !== undefined) query = query.where('site_regions.site_id', '=', filter.siteId);
  const rows = await query
    .orderBy('sites.name')
    .orderBy('site_regions.page_title')
    .orderBy('site_regions.name')
    .execute();
  return rows.map((row) => regionFromRow(row as RegionRow));
}

/** One region's row with its site's columns, or NotFoundError. */
export async function loadRegionRow(db: Db, id: string): Promise<RegionRow> {
  const row = await regionRows(db).where('site_regions.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No region with id ${id}.`);
  return row as RegionRow;
}

/** One remembered region, or NotFoundError. */
export async function getRegion(deps: { db: Db }, id: string): Promise<Region> {
  return regionFromRow(await loadRegionRow(deps.db, id));
}

const pageColumns = (page: RegionPage) => ({
  page_kind: page.kind,
  page_title: page.title,
  page_url: page.url ?? null,
});

/**
 * Remembers what a discovery of `site` found: new regions get an id, known ones their current
 * content and `ok`; broken markers mark the region `broken`; a remembered region not found
 * any more is `missing`. Returns the site's regions as now remembered.
 */
export async function rememberScan(
  deps: Pick<ServiceDeps, 'newId'>,
  trx: Transaction<Database>,
  site: Site,
  scan: RegionScan,
  at: string,
): Promise<Region[]> {
  const known = await trx
    .selectFrom('site_regions')
    .select(['id', 'page_ref', 'name', 'page_title'])
    .where('site_id', '=', site.id)
    .execute();
  const key = (ref: string, name: string) => `${ref}\u0000${name}`;
  const byKey = new Map(known.map((r) => [key(r.page_ref, r.name), r]));
  const seen = new Set<string>();
  const upsert = async (
    page: RegionPage,
    name: string,
    values: { format?: string; raw?: string; status: string; problem: string | null },
  ) => {
    const k = key(page.ref, name);
    seen.add(k);
    const row = byKey.get(k);
    if (row) {
      await trx
        .updateTable('site_regions')
        .set({ ...pageColumns(page), ...values, checked_at: at })
        .where('id', '=', row.id)
        .execute();
      return;
    }
    await trx
      .insertInto('site_regions')
      .values({
        id: deps.newId(),
        client_id: site.clientId,
        site_id: site.id,
        page_ref: page.ref,
        ...pageColumns(page),
        name,
        label: labelOf(name),
        format: values.format ?? 'html',
        raw: values.raw ?? '',
        status: values.status,
        problem: values.problem,
        checked_at: at,
        changed_at: null,
        last_task_id: null,
        created_at: at,
      })
      .execute();
  };
  for (const region of scan.regions)
    await upsert(region.page, region.name, {
      format: region.format,
      raw: region.content,
      status: 'ok',
      problem: null,
    });
  for (const problem of scan.problems) {
    // A mistyped name is reported by the discovery, never remembered as a region.
    if (problem.code === 'region_name_invalid') continue;
    const view = regionProblem(
      problem.code,
      site.kind,
      problem.name,
      problem.page.title,
      problem.message,
    );
    await upsert(problem.page, problem.name, {
      status: 'broken',
      problem: JSON.stringify(view),
    });
  }
  for (const row of known.filter((r) => !seen.has(key(r.page_ref, r.name)))) {
    const view = regionProblem('region_missing', site.kind, row.name, row.page_title);
    await trx
      .updateTable('site_regions')
      .set({ status: 'missing', problem: JSON.stringify(view), checked_at: at })
      .where('id', '=', row.id)
      .execute();
  }
  return listRegions({ db: trx }, { siteId: site.id });
}

/** Records a region as just read from its site: its content, `ok`. */
export async function recordRegionRead(
  db: Db,
  id: string,
  read: { raw: string; title: string; url?: string | undefined },
  at: string,
): Promise<void> {
  await db
    .updateTable('site_regions')
    .set({
      raw: read.raw,
      page_title: read.title,
      page_url: read.url ?? null,
      status: 'ok',
      problem: null,
      checked_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** Records that a region's markers are gone or broken (`problem` from regionProblem). */
export async function recordRegionProblem(
  db: Db,
  id: string,
  problem: { code: string; message: string },
  at: string,
): Promise<void> {
  await db
    .updateTable('site_regions')
    .set({
      status: problem.code === 'region_missing' ? 'missing' : 'broken',
      problem: JSON.stringify(problem),
      checked_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** Records a change sitedesk made: the new content, when, and by which task. */
export async function recordRegionChange(
  db: Db,
  id: string,
  raw: string,
  taskId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('site_regions')
    .set({
      raw,
      status: 'ok',
      problem: null,
      checked_at: at,
      changed_at: at,
      last_task_id: taskId,
    })
    .where('id', '=', id)
    .execute();
}

/** Renames a region for the secretary (its markers on the site keep their name). */
export async function renameRegion(
  deps: Pick<ServiceDeps, 'db'>,
  id: string,
  label: string,
): Promise<Region> {
  await loadRegionRow(deps.db, id);
  await deps.db.updateTable('site_regions').set({ label }).where('id', '=', id).execute();
  return getRegion(deps, id);
}

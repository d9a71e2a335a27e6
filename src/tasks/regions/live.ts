/**
 * Reading regions from the sites themselves (issue 23): a discovery of a whole site, a fresh
 * read of one region, and the preview of pages with a new region text.
 */
import { replaceRegion, RegionError } from '../../content/regions.js';
import { renderMarkdown } from '../../content/markdown.js';
import { sanitizeContentHtml } from '../../content/sanitize.js';
import { publishCauseOf } from '../../connectors/publish-causes.js';
import type { Connector, RemoteRef } from '../../connectors/types.js';
import { ConflictError, messageOf } from '../../shared/errors.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { siteFromRow } from '../rows.js';
import { getSite } from '../sites/sites.js';
import type { Site } from '../types.js';
import type { Region, RegionRow } from './model.js';
import { regionFromRow } from './model.js';
import { regionProblem } from './problems.js';
import {
  getRegion,
  loadRegionRow,
  recordRegionProblem,
  recordRegionRead,
  rememberScan,
} from './store.js';

/** Builds the connector of a site. */
export type ConnectorFor = (site: Site) => Connector | Promise<Connector>;

/** A page whose markers are broken, as a discovery reports it. */
export interface DiscoveryProblem {
  pageRef: string;
  pageTitle: string;
  /** The name in the broken marker (the web app matches it to the region she is marking). */
  name: string;
  code: string;
  message: string;
}

async function regionConnector(site: Site, connectorFor: ConnectorFor) {
  const connector = await connectorFor(site);
  const { discoverRegions, readRegion } = connector;
  if (!connector.capabilities.has('regions') || !discoverRegions || !readRegion)
    throw new ConflictError(`Site ${site.id} (${site.kind}) has no page regions.`);
  return {
    discover: discoverRegions.bind(connector),
    read: readRegion.bind(connector),
  };
}

/** Reads every page of a site now and remembers its regions; missing ones are marked so. */
export async function discoverRegions(
  deps: ServiceDeps,
  siteId: string,
  connectorFor: ConnectorFor,
  who: Actor,
): Promise<{ regions: Region[]; problems: DiscoveryProblem[] }> {
  const site = await getSite(deps, siteId);
  const scan = await (await regionConnector(site, connectorFor)).discover();
  const regions = await inTransaction(deps, who, (unit) =>
    rememberScan(deps, unit.trx, site, scan, unit.at),
  );
  const problems = scan.problems.map((p) => ({
    pageRef: p.page.ref,
    pageTitle: p.page.title,
    name: p.name,
    code:
      p.code === 'region_name_invalid'
        ? p.code
        : regionProblem(p.code, site.kind, p.name, p.page.title).code,
    message:
      p.code === 'region_name_invalid'
        ? p.message
        : regionProblem(p.code, site.kind, p.name, p.page.title, p.message).message,
  }));
  return { regions, problems };
}

/** The page reference the connector contract wants for a region row. */
export function pageRefOf(row: Pick<RegionRow, 'page_ref' | 'page_kind'>): RemoteRef {
  return { remoteId: row.page_ref, kind: row.page_kind === 'post' ? 'post' : 'page' };
}

async function siteOf(deps: ServiceDeps, row: RegionRow): Promise<Site> {
  return siteFromRow(
    await deps.db
      .selectFrom('sites')
      .selectAll()
      .where('id', '=', row.site_id)
      .executeTakeFirstOrThrow(),
  );
}

/**
 * One region as it is on its site now (and remembered so). When the markers are gone or
 * broken it is remembered with that problem; when the site cannot be read, the remembered
 * region is answered with the problem (nothing is written).
 */
export async function readLiveRegion(
  deps: ServiceDeps,
  id: string,
  connectorFor: ConnectorFor,
): Promise<Region> {
  const row = await loadRegionRow(deps.db, id);
  const at = new Date(deps.clock.now()).toISOString();
  try {
    const site = await siteOf(deps, row);
    const read = await (await regionConnector(site, connectorFor)).read(pageRefOf(row), row.name);
    await recordRegionRead(deps.db, id, { raw: read.content, ...read.page }, at);
  } catch (error) {
    if (error instanceof RegionError) {
      const problem = regionProblem(error.code, row.kind, row.name, row.page_title, error.message);
      await recordRegionProblem(deps.db, id, problem, at);
    } else {
      const remembered = regionFromRow(row);
      return { ...remembered, problem: { code: publishCauseOf(error), message: messageOf(error) } };
    }
  }
  return getRegion(deps, id);
}

/**
 * The read, or — when the region's markers are gone or broken — a ConflictError coded
 * `region_missing` / `region_broken` saying how to put them back (the region is marked so).
 */
export async function readOrConflict<T>(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  row: RegionRow,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof RegionError)) throw error;
    const problem = regionProblem(error.code, row.kind, row.name, row.page_title, error.message);
    await recordRegionProblem(deps.db, row.id, problem, new Date(deps.clock.now()).toISOString());
    throw new ConflictError(problem.message, { code: problem.code });
  }
}

/** A page as it will look with the new region text (sanitised HTML, safe to show). */
export interface RegionPreview {
  regionId: string;
  siteName: string;
  pageTitle: string;
  html: string;
}

/** The pages of `regionIds` with `markdown` in their regions; nothing is written anywhere. */
export async function previewRegions(
  deps: ServiceDeps,
  regionIds: string[],
  markdown: string,
  connectorFor: ConnectorFor,
): Promise<RegionPreview[]> {
  const html = renderMarkdown(markdown);
  const pages: RegionPreview[] = [];
  for (const id of regionIds) {
    const row = await loadRegionRow(deps.db, id);
    const site = await siteOf(deps, row);
    const read = await readOrConflict(deps, row, () =>
      regionConnector(site, connectorFor).then((c) => c.read(pageRefOf(row), row.name)),
    );
    let page: string;
    try {
      page = replaceRegion(read.pageHtml, row.name, html);
    } catch {
      // The page's HTML form lost the markers (a generator's rendering): show the region alone.
      page = html;
    }
    pages.push({
      regionId: id,
      siteName: row.site_name,
      pageTitle: read.page.title,
      html: sanitizeContentHtml(page),
    });
  }
  return pages;
}

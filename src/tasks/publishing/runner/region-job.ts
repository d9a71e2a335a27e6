/**
 * The runner's job for a content item of kind `region` (issue 23): on one site, put the item's
 * text into each of its regions there. Every region is read first, so broken or missing
 * markers fail the publication before anything on the site changes; then each is written
 * (the connectors write nothing for the same text, so a retry or a resumed crash adds no
 * revision or commit).
 */
import type { Connector } from '../../../connectors/types.js';
import { SitedeskError } from '../../../shared/errors.js';
import type { ServiceDeps } from '../../context.js';
import { pageRefOf, readOrConflict } from '../../regions/live.js';
import type { RegionRow } from '../../regions/model.js';
import { loadRegionRow, recordRegionChange, recordRegionRead } from '../../regions/store.js';
import { regionText } from '../../regions/text.js';
import type { Publication, StoredContentItem } from '../../types.js';
import type { PublicationChange } from './outbox.js';

/**
 * Fills the item's regions on the publication's site; answers the publication's change: done,
 * on the first region's page (a region's page is not checked live like a post).
 */
export async function fillRegions(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  connector: Connector,
  item: StoredContentItem,
  publication: Publication,
): Promise<PublicationChange> {
  const rows: RegionRow[] = [];
  for (const id of item.regionIds) {
    const row = await loadRegionRow(deps.db, id);
    if (row.site_id === publication.siteId) rows.push(row);
  }
  const [first] = rows;
  const read = connector.readRegion?.bind(connector);
  if (!first || !read)
    throw new SitedeskError('region_missing', 'This site has none of the text’s regions.');
  const current = new Map<string, string>();
  for (const row of rows) {
    // A RegionError becomes a ConflictError coded region_missing / region_broken.
    const found = await readOrConflict(deps, row, () => read(pageRefOf(row), row.name));
    current.set(row.id, found.content);
  }
  for (const row of rows) {
    const text = regionText(row.format, item.markdown);
    await connector.updateRegion(pageRefOf(row), row.name, text);
    const at = new Date(deps.clock.now()).toISOString();
    const before = current.get(row.id) ?? '';
    if (before.trim() === text)
      await recordRegionRead(
        deps.db,
        row.id,
        { raw: before, title: row.page_title, url: row.page_url ?? undefined },
        at,
      );
    else await recordRegionChange(deps.db, row.id, text, publication.taskId, at);
  }
  return {
    state: 'published',
    remote_id: first.page_ref,
    url: first.page_url,
    last_error: null,
    next_attempt_at: null,
    next_verify_at: null,
    verify_attempts: 0,
  };
}

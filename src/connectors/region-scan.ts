/**
 * What every connector's region discovery shares: scanning one page's text into found regions
 * and broken ones (src/content/regions.ts does the marker work).
 */
import { RegionError, readRegion, scanRegions } from '../content/regions.js';
import type { RegionFormat, RegionPage, RegionRead, RegionScan } from './types.js';

/** Adds the regions and broken markers of one page's `text` to `scan`. */
export function scanPage(
  scan: RegionScan,
  page: RegionPage,
  text: string,
  format: RegionFormat,
): void {
  if (!text.includes('sitedesk:')) return;
  const { regions, problems } = scanRegions(text);
  for (const region of regions) scan.regions.push({ page, format, ...region });
  for (const problem of problems)
    scan.problems.push({
      page,
      name: problem.region,
      code: problem.code,
      message: problem.message,
    });
}

/** Region `name` of one page's `text`, or the RegionError that says what is wrong with it. */
export function readPageRegion(
  page: RegionPage,
  text: string,
  name: string,
  format: RegionFormat,
  pageHtml: string,
): RegionRead {
  return { page, name, format, content: readRegion(text, name), pageHtml };
}

/** A RegionError `region_missing` for a page where the region's markers are gone. */
export function regionGone(name: string, where: string): RegionError {
  return new RegionError(
    'region_missing',
    name,
    `${where} has no region "${name}" any more: put <!-- sitedesk:${name} --> … <!-- /sitedesk:${name} --> back around the part sitedesk may replace`,
  );
}

/**
 * What the secretary is told when a region's markers are gone or broken (issue 23): what
 * happened, and how to put them back on that kind of site. Plain English here; the web app
 * words each `code` in the user's language.
 */
import type { RegionErrorCode } from '../../content/regions.js';
import type { RegionStatus } from './model.js';

/** The problem stored on a region and sent with a failed update. */
export interface RegionProblemView {
  code: 'region_missing' | 'region_broken';
  message: string;
}

/** `region_missing` when the markers are gone; every other marker fault is `region_broken`. */
export function statusOfCode(code: RegionErrorCode | string): Exclude<RegionStatus, 'ok'> {
  return code === 'region_missing' ? 'missing' : 'broken';
}

/** How to mark region `name` on a page of this kind of site. */
export function howToMark(kind: string, name: string, title: string): string {
  const pair = `<!-- sitedesk:${name} --> … <!-- /sitedesk:${name} -->`;
  if (kind === 'wordpress')
    return `In WordPress, edit “${title}”, add a Custom HTML block where the text belongs and put ${pair} in it; then check the site's regions again.`;
  if (kind === 'ghost')
    return `In Ghost, edit “${title}”, add an HTML card (type /html) where the text belongs and put ${pair} in it; then check the site's regions again.`;
  return `In the file ${title}, put ${pair} around the part sitedesk may replace and commit it; then check the site's regions again.`;
}

/** The problem of a region whose markers failed with `code` (`detail`: the marker check's own words). */
export function regionProblem(
  code: RegionErrorCode | string,
  kind: string,
  name: string,
  title: string,
  detail?: string,
): RegionProblemView {
  const status = statusOfCode(code);
  const what =
    status === 'missing'
      ? `The region “${name}” is no longer on “${title}”: someone removed its markers. Nothing on the page was changed.`
      : `The markers of the region “${name}” on “${title}” are broken${detail ? ` (${detail})` : ''}. Nothing on the page was changed.`;
  return {
    code: status === 'missing' ? 'region_missing' : 'region_broken',
    message: `${what} ${howToMark(kind, name, title)}`,
  };
}

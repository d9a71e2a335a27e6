import { SitedeskError } from '../shared/errors.js';

/**
 * Page regions: the part of a page (HTML or Markdown) between `<!-- sitedesk:NAME -->` and
 * `<!-- /sitedesk:NAME -->` that sitedesk may replace, e.g. opening hours on a contact page.
 * Everything is plain string slicing, never a DOM round-trip, so every byte outside the
 * region (theme markup, other comments, CRLF line ends, odd entities) stays as it was.
 *
 * Markers tolerate whitespace (spaces, tabs, line breaks, or none) after `<!--` and before
 * `-->`, because editors and formatters rewrite comments (`<!--sitedesk:hours-->` works);
 * `sitedesk:` and the name themselves must be written exactly, in lowercase.
 */

/** Stable codes of region errors. */
export type RegionErrorCode =
  | 'region_name_invalid'
  | 'region_missing'
  | 'region_unclosed'
  | 'region_unopened'
  | 'region_duplicated'
  | 'region_overlap'
  | 'region_content_invalid';

/** A region could not be found, read or replaced; `region` names the region concerned. */
export class RegionError extends SitedeskError {
  declare readonly code: RegionErrorCode;
  readonly region: string;

  constructor(code: RegionErrorCode, region: string, message: string) {
    super(code, message);
    this.region = region;
  }
}

/** Allowed region names: 1–64 lowercase letters, digits and hyphens, not starting with a hyphen. */
export const REGION_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

// The name group is wider than REGION_NAME so that a mistyped marker is reported, not ignored.
const MARKER = /<!--\s*(\/?)sitedesk:([^\s>]*?)\s*-->/g;

interface Marker {
  closing: boolean;
  name: string;
  start: number;
  end: number;
}

/** Where a region's content starts and ends (indices into the text, end exclusive). */
interface Span {
  start: number;
  end: number;
}

function findMarkers(text: string): Marker[] {
  return [...text.matchAll(MARKER)].map((m) => ({
    closing: m[1] === '/',
    name: m[2] ?? '',
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function checkName(name: string): void {
  if (!REGION_NAME.test(name)) {
    throw new RegionError(
      'region_name_invalid',
      name,
      `region name "${name}" is not allowed: use up to 64 lowercase letters, digits and hyphens, e.g. "opening-hours"`,
    );
  }
}

function example(name: string): string {
  return `<!-- sitedesk:${name} --> … <!-- /sitedesk:${name} -->`;
}

function locate(text: string, name: string, markers: Marker[]): Span {
  checkName(name);
  const opens = markers.filter((m) => m.name === name && !m.closing);
  const closes = markers.filter((m) => m.name === name && m.closing);
  const [open] = opens;
  const [close] = closes;
  if (opens.length > 1 || closes.length > 1) {
    throw new RegionError(
      'region_duplicated',
      name,
      `region "${name}" is marked ${opens.length} time(s) open and ${closes.length} time(s) closed; each marker must appear exactly once: ${example(name)}`,
    );
  }
  if (!open && !close) {
    throw new RegionError(
      'region_missing',
      name,
      `page has no region "${name}": put ${example(name)} around the part sitedesk may replace`,
    );
  }
  if (!close || (open && close.start < open.end)) {
    throw new RegionError(
      'region_unclosed',
      name,
      `region "${name}" is opened but not closed after it: add <!-- /sitedesk:${name} --> after <!-- sitedesk:${name} -->`,
    );
  }
  if (!open) {
    throw new RegionError(
      'region_unopened',
      name,
      `region "${name}" has a closing marker but no opening one: add <!-- sitedesk:${name} --> before <!-- /sitedesk:${name} -->`,
    );
  }
  // Replacing a region must not cut another region in half.
  for (const inner of markers.filter((m) => m.start > open.start && m.end < close.end)) {
    const outside = markers.some(
      (m) =>
        m.name === inner.name &&
        m.closing !== inner.closing &&
        (m.end <= open.start || m.start >= close.end),
    );
    if (outside) {
      throw new RegionError(
        'region_overlap',
        name,
        `region "${name}" overlaps region "${inner.name}": regions may nest but not overlap`,
      );
    }
  }
  return { start: open.end, end: close.start };
}

/** The raw content of region `name` (between its markers, whitespace included). */
export function readRegion(text: string, name: string): string {
  const span = locate(text, name, findMarkers(text));
  return text.slice(span.start, span.end);
}

/**
 * The names of all regions in `text`, in the order they open. Throws a RegionError if any
 * marker is malformed, so a page check reports a broken region instead of hiding it.
 */
export function listRegions(text: string): string[] {
  const markers = findMarkers(text);
  const names = [...new Set(markers.map((m) => m.name))];
  for (const name of names) locate(text, name, markers);
  return markers.filter((m) => !m.closing).map((m) => m.name);
}

/**
 * `text` with the content of region `name` replaced by `html`. The bytes before the opening
 * marker's end and from the closing marker on are returned unchanged. To keep diffs clean,
 * the old content's leading and trailing whitespace (its line layout) is kept around the
 * trimmed new content, and `\n` in `html` becomes `\r\n` when the text uses CRLF line ends.
 */
export function replaceRegion(text: string, name: string, html: string): string {
  const span = locate(text, name, findMarkers(text));
  checkContent(name, html);
  const old = text.slice(span.start, span.end);
  // trimStart/trimEnd rather than /\s*$/, which is quadratic on long whitespace runs.
  const lead = old.slice(0, old.length - old.trimStart().length);
  const blank = lead.length === old.length;
  const trail = blank ? lead : old.slice(old.trimEnd().length);
  const body = html.trim();
  const content =
    body === '' ? (blank ? old : lead + trail) : lead + matchLineEnds(text, body) + trail;
  return text.slice(0, span.start) + content + text.slice(span.end);
}

function matchLineEnds(text: string, html: string): string {
  const firstEol = /\r?\n/.exec(text)?.[0];
  return firstEol === '\r\n' ? html.replace(/\r?\n/g, '\r\n') : html;
}

// The new content must not break the page's structure: a marker in it would duplicate or
// orphan a region, and an unclosed `<!--` would hide the closing marker and the rest of
// the page from the browser.
function checkContent(name: string, html: string): void {
  const problem =
    findMarkers(html).length > 0
      ? 'contains a sitedesk marker'
      : html.lastIndexOf('<!--') > html.lastIndexOf('-->')
        ? 'contains an unclosed HTML comment (<!-- without -->)'
        : undefined;
  if (problem) {
    throw new RegionError(
      'region_content_invalid',
      name,
      `new content for region "${name}" ${problem}`,
    );
  }
}

/** One region found in a text: its name and raw content (between its markers). */
export interface ScannedRegion {
  name: string;
  content: string;
}

/**
 * Every region of `text`, each checked on its own, so one broken region does not hide the
 * good ones beside it (a discovery lists both: the good ones to use, the broken one to fix).
 */
export function scanRegions(text: string): { regions: ScannedRegion[]; problems: RegionError[] } {
  const markers = findMarkers(text);
  const regions: ScannedRegion[] = [];
  const problems: RegionError[] = [];
  for (const name of [...new Set(markers.map((m) => m.name))]) {
    try {
      const span = locate(text, name, markers);
      regions.push({ name, content: text.slice(span.start, span.end) });
    } catch (error) {
      if (!(error instanceof RegionError)) throw error;
      problems.push(error);
    }
  }
  return { regions, problems };
}

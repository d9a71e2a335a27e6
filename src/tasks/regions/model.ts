/**
 * A region as the API and the CLI show it (issue 23, /work/regions-contract.md): one marked
 * part of one page of a site, with its last known content as Markdown for the editor.
 */
import type { Selectable } from 'kysely';
import { htmlToMarkdown } from '../../content/html-markdown.js';
import type { RegionFormat } from '../../connectors/types.js';
import type { SiteRegionsTable, SitesTable } from '../../store/index.js';

/** `missing`: the markers are gone; `broken`: unclosed, duplicated, overlapping … */
export type RegionStatus = 'ok' | 'missing' | 'broken';

/** One region of one page of a site. */
export interface Region {
  /** Stable per (site, page, name). */
  id: string;
  clientId: string;
  siteId: string;
  siteName: string;
  siteKind: 'wordpress' | 'ghost' | 'git';
  /** Git sites: the generator named in the settings. */
  generator?: 'hugo' | 'jekyll' | 'eleventy' | 'astro';
  /** `ref`: the WordPress or Ghost id, or the file's path in the repository. */
  page: { ref: string; kind: 'post' | 'page'; title: string; url?: string };
  name: string;
  label: string;
  /** The last known content, as Markdown. */
  content: string;
  status: RegionStatus;
  problem?: { code: string; message: string };
  checkedAt: string;
  /** When sitedesk last changed it. */
  updatedAt?: string;
  /** The publish task of the last change. */
  lastTaskId?: string;
}

/** A region row with the site columns it is shown with. */
export type RegionRow = Selectable<SiteRegionsTable> &
  Pick<Selectable<SitesTable>, 'kind' | 'settings'> & { site_name: string };

const GENERATORS = new Set(['hugo', 'jekyll', 'eleventy', 'astro']);

/** "opening-hours" → "Opening hours". */
export function labelOf(name: string): string {
  const words = name.replace(/-+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The Markdown the secretary edits, of a region's raw content in `format`. */
export function markdownOf(raw: string, format: RegionFormat | string): string {
  return format === 'markdown' ? raw.trim() : htmlToMarkdown(raw);
}

/** A region row (joined with its site) as a Region. */
export function regionFromRow(row: RegionRow): Region {
  const generator = (JSON.parse(row.settings) as { generator?: unknown }).generator;
  const problem = row.problem === null ? undefined : (JSON.parse(row.problem) as Region['problem']);
  return {
    id: row.id,
    clientId: row.client_id,
    siteId: row.site_id,
    siteName: row.site_name,
    siteKind: row.kind as Region['siteKind'],
    ...(row.kind === 'git' && typeof generator === 'string' && GENERATORS.has(generator)
      ? { generator: generator as NonNullable<Region['generator']> }
      : {}),
    page: {
      ref: row.page_ref,
      kind: row.page_kind === 'post' ? 'post' : 'page',
      title: row.page_title,
      ...(row.page_url !== null ? { url: row.page_url } : {}),
    },
    name: row.name,
    label: row.label,
    content: markdownOf(row.raw, row.format),
    status: row.status as RegionStatus,
    ...(problem ? { problem } : {}),
    checkedAt: row.checked_at,
    ...(row.changed_at !== null ? { updatedAt: row.changed_at } : {}),
    ...(row.last_task_id !== null ? { lastTaskId: row.last_task_id } : {}),
  };
}

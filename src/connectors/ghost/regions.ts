/**
 * Regions on Ghost pages and posts (issue 23): a region lives in an HTML card of the Lexical
 * document (lexical-region.ts), so discovery reads each card, not the rendered HTML.
 */
import { RegionError, scanRegions } from '../../content/regions.js';
import { regionGone } from '../region-scan.js';
import type { FoundRegion, RegionPage, RegionRead, RegionScan, RemoteRef } from '../types.js';
import type { GhostClient, GhostPost } from './client.js';
import { htmlCards } from './lexical-region.js';

const FIELDS = 'id,title,slug,status,url,updated_at,lexical';

function pageOf(kind: 'post' | 'page', post: GhostPost): RegionPage {
  return {
    ref: post.id,
    kind,
    title: post.title ?? post.slug,
    // A draft's url is its /p/<uuid>/ preview, never handed out as the page's address.
    ...(post.status === 'published' && post.url ? { url: post.url } : {}),
  };
}

/** The regions and broken markers of one Ghost page (its HTML cards taken together). */
function scanGhostPage(scan: RegionScan, page: RegionPage, lexical: string): void {
  const found = new Map<string, FoundRegion[]>();
  for (const card of htmlCards(lexical)) {
    if (!card.includes('sitedesk:')) continue;
    const { regions, problems } = scanRegions(card);
    for (const region of regions)
      found.set(region.name, [
        ...(found.get(region.name) ?? []),
        { page, format: 'html', ...region },
      ]);
    for (const problem of problems)
      scan.problems.push({
        page,
        name: problem.region,
        code: problem.code,
        message: problem.message,
      });
  }
  for (const [name, regions] of found) {
    const [region] = regions;
    if (regions.length === 1 && region) scan.regions.push(region);
    else
      scan.problems.push({
        page,
        name,
        code: 'region_duplicated',
        message: `${regions.length} HTML cards of the Ghost page hold region "${name}"; keep one`,
      });
  }
}

/** Every region of the site's pages, then posts (any status). */
export async function discoverGhostRegions(client: GhostClient): Promise<RegionScan> {
  const scan: RegionScan = { regions: [], problems: [] };
  for (const kind of ['page', 'post'] as const) {
    for await (const post of client.list(kind === 'page' ? 'pages' : 'posts', {
      fields: FIELDS,
      formats: 'lexical',
    })) {
      if (post.lexical) scanGhostPage(scan, pageOf(kind, post), post.lexical);
    }
  }
  return scan;
}

/** Region `name` of one Ghost page or post as it is now (undefined when the page is gone). */
export async function readGhostRegion(
  client: GhostClient,
  ref: RemoteRef,
  name: string,
): Promise<RegionRead | undefined> {
  const post = await client.read(ref.kind === 'page' ? 'pages' : 'posts', ref.remoteId, {
    formats: 'lexical,html',
    fields: `${FIELDS},html`,
  });
  if (!post) return undefined;
  const page = pageOf(ref.kind, post);
  const scan: RegionScan = { regions: [], problems: [] };
  if (post.lexical) scanGhostPage(scan, page, post.lexical);
  const problem = scan.problems.find((p) => p.name === name);
  if (problem) throw new RegionError(problem.code, name, problem.message);
  const region = scan.regions.find((r) => r.name === name);
  if (!region) throw regionGone(name, `The Ghost ${ref.kind} “${page.title}”`);
  return { ...region, pageHtml: post.html ?? '' };
}

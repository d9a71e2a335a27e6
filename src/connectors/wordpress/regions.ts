/**
 * Regions on WordPress pages and posts (issue 23): read from the raw content (`context=edit`,
 * the block markup as stored), where a region sits in a Custom HTML block holding
 * `<!-- sitedesk:NAME --> … <!-- /sitedesk:NAME -->`.
 */
import { z } from 'zod';
import { readPageRegion, scanPage } from '../region-scan.js';
import type { RegionPage, RegionRead, RegionScan, RemoteRef } from '../types.js';
import type { WordPressClient } from './client.js';
import { collectionOf } from './publish.js';

const wpRegionPageSchema = z.looseObject({
  id: z.number().int(),
  link: z.string(),
  status: z.string(),
  title: z.looseObject({ raw: z.string().optional(), rendered: z.string() }),
  content: z.looseObject({ raw: z.string() }),
});
type WpRegionPage = z.infer<typeof wpRegionPageSchema>;

const QUERY = { context: 'edit', _fields: 'id,link,status,title,content' };

function pageOf(kind: 'post' | 'page', post: WpRegionPage): RegionPage {
  return {
    ref: String(post.id),
    kind,
    title: post.title.raw ?? post.title.rendered,
    // A draft's `link` is a `?p=` preview address, not a page anyone can open.
    ...(post.status === 'publish' ? { url: post.link } : {}),
  };
}

/** Every region of the site's pages, then posts (any status but trash), 100 a request. */
export async function discoverWordPressRegions(client: WordPressClient): Promise<RegionScan> {
  const scan: RegionScan = { regions: [], problems: [] };
  for (const kind of ['page', 'post'] as const) {
    const query = { ...QUERY, status: 'any', orderby: 'id', order: 'asc' };
    for await (const post of client.paginate(
      `/wp/v2/${collectionOf(kind)}`,
      query,
      wpRegionPageSchema,
    ))
      scanPage(scan, pageOf(kind, post), post.content.raw, 'html');
  }
  return scan;
}

/** Region `name` of one page or post as it is now. */
export async function readWordPressRegion(
  client: WordPressClient,
  ref: RemoteRef,
  name: string,
): Promise<RegionRead> {
  const { data } = await client.call(
    { route: `/wp/v2/${collectionOf(ref.kind)}/${Number(ref.remoteId)}`, query: QUERY },
    wpRegionPageSchema,
  );
  const raw = data.content.raw;
  return readPageRegion(pageOf(ref.kind, data), raw, name, 'html', raw);
}

/**
 * Promotions on the sites right now (issue 23): a text with an end whose publication is live.
 * Today and the client's page say "live until …" from this; the runner takes each down at
 * its end, and until that is done it stays in this list (its end passed: being taken down).
 */
import type { ServiceDeps } from '../context.js';

/** One promotion that is live on at least one site. */
export interface LivePromotion {
  taskId: string;
  clientId: string;
  contentItemId: string;
  title: string;
  startsAt: string | null;
  /** When it is taken down (ISO); may have passed while the take-down is still to be done. */
  endsAt: string;
  /** Each site that shows it, with its live page. */
  sites: { siteId: string; url: string | null }[];
}

/** Live promotions, the one ending first first; of one client when `clientId` is given. */
export async function listLivePromotions(
  deps: Pick<ServiceDeps, 'db'>,
  filter: { clientId?: string | undefined } = {},
): Promise<LivePromotion[]> {
  let query = deps.db
    .selectFrom('publications as p')
    .innerJoin('content_items as ci', 'ci.id', 'p.content_item_id')
    .select([
      'p.task_id',
      'p.site_id',
      'p.url',
      'ci.id as item_id',
      'ci.client_id',
      'ci.title',
      'ci.starts_at',
      'ci.ends_at',
    ])
    .where('p.state', '=', 'published')
    .where('ci.ends_at', 'is not', null);
  if (filter.clientId) query = query.where('ci.client_id', '=', filter.clientId);
  const rows = await query.orderBy('ci.ends_at').orderBy('p.task_id').limit(1000).execute();
  const byTask = new Map<string, LivePromotion>();
  for (const row of rows) {
    const promotion = byTask.get(row.task_id) ?? {
      taskId: row.task_id,
      clientId: row.client_id,
      contentItemId: row.item_id,
      title: row.title,
      startsAt: row.starts_at,
      endsAt: row.ends_at ?? '',
      sites: [],
    };
    promotion.sites.push({ siteId: row.site_id, url: row.url });
    byTask.set(row.task_id, promotion);
  }
  return [...byTask.values()];
}

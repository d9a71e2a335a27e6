/**
 * Updating regions (issue 23): one text for one or more regions of a client's sites becomes
 * one content item of kind `region` and its one publish task, with one pending publication
 * per site in the outbox; the runner fills the regions (runner/region-job.ts).
 */
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { insertContentItem } from '../content-items/items.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import { queuePublish } from '../publishing/publications.js';
import { checkSites } from '../task-list/references.js';
import { idSchema } from '../schemas/common.js';
import type { Task, TaskSource } from '../types.js';
import { invalid, parseInput } from '../validate.js';
import type { RegionRow } from './model.js';
import { loadRegionRow } from './store.js';
import { sameRegionText } from './text.js';

/** Input of requestRegionUpdate: the regions and their new text in Markdown. */
export const regionUpdateSchema = z.strictObject({
  regionIds: z
    .array(idSchema)
    .min(1, 'must name at least one region')
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a region twice'),
  content: z.string().trim().min(1, 'must not be empty').max(100_000),
});
export type RegionUpdateInput = z.input<typeof regionUpdateSchema>;

/** What requestRegionUpdate queued; `unchanged`: regions whose text already is this one. */
export interface RegionUpdate {
  taskId: string;
  contentItemId: string;
  unchanged: string[];
}

/**
 * The rows of `ids`, all of one client and all with their markers in place: NotFoundError for
 * an unknown id, 400 on `regionIds` for regions of several clients, 409 `region_missing` /
 * `region_broken` (how to put the markers back) for one that was last seen so.
 */
export async function usableRegions(unit: Unit, ids: string[]): Promise<RegionRow[]> {
  const rows: RegionRow[] = [];
  for (const id of ids) rows.push(await loadRegionRow(unit.trx, id));
  const [first] = rows;
  if (!first) throw new NotFoundError('No region was named.');
  if (rows.some((r) => r.client_id !== first.client_id))
    throw invalid('region update', [
      { path: 'regionIds', message: 'must all be regions of one client' },
    ]);
  for (const row of rows) {
    if (row.status === 'ok') continue;
    const problem = row.problem ? (JSON.parse(row.problem) as { message?: string }) : {};
    throw new ConflictError(
      problem.message ?? `The region “${row.name}” on “${row.page_title}” cannot be changed now.`,
      { code: row.status === 'missing' ? 'region_missing' : 'region_broken' },
    );
  }
  const siteIds = [...new Set(rows.map((r) => r.site_id))];
  const issues = await checkSites(unit.trx, first.client_id, siteIds, 'regionIds');
  if (issues.length) throw invalid('region update', issues);
  return rows;
}

/** A slug from region names (`opening-hours`). */
function slugOf(rows: RegionRow[]): string {
  const slug = [...new Set(rows.map((r) => r.name))]
    .join('-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 200)
    .replace(/-$/, '');
  return slug || 'region';
}

/** The content item and queued task of a region text, inside `unit` (schedules use it too). */
export async function queueRegionText(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  rows: RegionRow[],
  markdown: string,
  source: TaskSource,
  options: { title?: string; dueAt?: string; scheduleId?: string; language?: string } = {},
): Promise<{ task: Task; contentItemId: string }> {
  const [first] = rows;
  if (!first) throw new NotFoundError('No region was named.');
  const title = (options.title ?? [...new Set(rows.map((r) => r.label))].join(', ')).slice(0, 200);
  const item = await insertContentItem(
    deps,
    unit,
    {
      clientId: first.client_id,
      kind: 'region',
      title,
      slug: slugOf(rows),
      markdown,
      tags: [],
      categories: [],
      images: [],
      language: options.language,
      regionIds: rows.map((r) => r.id),
    },
    { clientChecked: true },
  );
  const { task } = await queuePublish(
    deps,
    unit,
    {
      contentItemId: item.id,
      siteIds: [...new Set(rows.map((r) => r.site_id))],
      dueAt: options.dueAt,
      scheduleId: options.scheduleId,
    },
    source,
    { id: item.id, client_id: first.client_id, title: item.title },
  );
  return { task, contentItemId: item.id };
}

/** Queues one text for regions of one client's sites (one task, one publication per site). */
export async function requestRegionUpdate(
  deps: ServiceDeps,
  input: RegionUpdateInput,
  who: Actor,
): Promise<RegionUpdate> {
  const data = parseInput(regionUpdateSchema, input, 'region update');
  return inTransaction(deps, who, async (unit) => {
    const rows = await usableRegions(unit, data.regionIds);
    const { task, contentItemId } = await queueRegionText(deps, unit, rows, data.content, 'manual');
    const unchanged = rows
      .filter((r) => sameRegionText(r.raw, r.format, data.content))
      .map((r) => r.id);
    return { taskId: task.id, contentItemId, unchanged };
  });
}

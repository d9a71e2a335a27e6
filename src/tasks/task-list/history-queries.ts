import { z } from 'zod';
import type { ServiceDeps } from '../context.js';
import { historyFromRow } from '../rows.js';
import { idSchema, instantSchema } from '../schemas/common.js';
import type { HistoryEntry } from '../types.js';
import { parseInput } from '../validate.js';

/** Filters and paging of listHistory: newest first; `cursor` is the last id of a page. */
export const listHistorySchema = z.strictObject({
  /** Everything about one client: itself, its sites, content items, schedules and tasks. */
  clientId: idSchema.optional(),
  taskId: idSchema.optional(),
  /** Entries at or after this instant. */
  since: instantSchema.optional(),
  /** Page size; default 50, at most 200. */
  limit: z.number().int().min(1).max(200).default(50),
  cursor: idSchema.optional(),
});
export type ListHistoryInput = z.input<typeof listHistorySchema>;

/**
 * The agency-wide history, newest first. A client's entries are found through what belongs to
 * it (the history names entities, not clients); each branch of that OR is served by an index
 * (history_task, history_entity), so only the client's own entries are read and sorted.
 */
export async function listHistory(
  deps: Pick<ServiceDeps, 'db'>,
  input: ListHistoryInput = {},
): Promise<{ items: HistoryEntry[]; nextCursor?: string }> {
  const filter = parseInput(listHistorySchema, input, 'history filter');
  let query = deps.db.selectFrom('history').selectAll();
  if (filter.taskId !== undefined) query = query.where('task_id', '=', filter.taskId);
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
  if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor);
  const clientId = filter.clientId;
  if (clientId !== undefined) {
    const owned = (table: 'sites' | 'content_items' | 'schedules') =>
      deps.db.selectFrom(table).select('id').where('client_id', '=', clientId);
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', 'client'), eb('entity_id', '=', clientId)]),
        eb.and([eb('entity', '=', 'site'), eb('entity_id', 'in', owned('sites'))]),
        eb.and([eb('entity', '=', 'content_item'), eb('entity_id', 'in', owned('content_items'))]),
        eb.and([eb('entity', '=', 'schedule'), eb('entity_id', 'in', owned('schedules'))]),
        eb(
          'task_id',
          'in',
          deps.db.selectFrom('tasks').select('id').where('client_id', '=', clientId),
        ),
      ]),
    );
  }
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const items = rows.slice(0, filter.limit).map(historyFromRow);
  const last = items.at(-1);
  return rows.length > filter.limit && last ? { items, nextCursor: last.id } : { items };
}

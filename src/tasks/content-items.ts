import type { Transaction } from 'kysely';
import { NotFoundError } from '../shared/errors.js';
import { appendHistory, type Database } from '../store/index.js';
import { clientIssues } from './archived.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from './context.js';
import { contentItemFromRow } from './rows.js';
import { createContentItemSchema, type CreateContentItemInput } from './schemas-entities.js';
import {
  apiContentItemSchema,
  listContentItemsSchema,
  type ApiContentItemInput,
  type ListContentItemsInput,
} from './schemas-content.js';
import type { StoredContentItem } from './types.js';
import { resolveUploadedImages } from './uploads.js';
import { invalid, parseInput } from './validate.js';
import { regionIssues } from './regions/references.js';

/** Saves a content item (a draft: nothing is published until requestPublish). */
export async function createContentItem(
  deps: ServiceDeps,
  input: CreateContentItemInput,
  who: Actor,
): Promise<StoredContentItem> {
  const data = parseInput(createContentItemSchema, input, 'content item');
  return inTransaction(deps, who, (unit) => insertContentItem(deps, unit, data));
}

/**
 * Saves a content item whose images are agency uploads (the API's way): each upload id is
 * looked up and its filename, type and path come from the upload record, in the same
 * transaction as the item.
 */
export async function createContentItemFromUploads(
  deps: ServiceDeps,
  input: ApiContentItemInput,
  who: Actor,
): Promise<StoredContentItem> {
  const data = parseInput(apiContentItemSchema, input, 'content item');
  return inTransaction(deps, who, async (unit) => {
    const images = await resolveUploadedImages(unit.trx, data.images, 'content item');
    return insertContentItem(deps, unit, { ...data, images });
  });
}

/** Inserts a validated content item inside `unit` (used by schedules too). */
export async function insertContentItem(
  deps: Pick<ServiceDeps, 'newId'>,
  { trx, at, actor }: Unit,
  data: ReturnType<typeof createContentItemSchema.parse>,
  options: { clientChecked?: boolean } = {},
): Promise<StoredContentItem> {
  const issues = options.clientChecked ? [] : await clientIssues(trx, data.clientId);
  if (data.regionIds && !options.clientChecked)
    issues.push(...(await regionIssues(trx, data.clientId, data.regionIds)));
  if (issues.length) throw invalid('content item', issues);
  const id = deps.newId();
  const row = {
    id,
    client_id: data.clientId,
    kind: data.kind,
    title: data.title,
    slug: data.slug,
    markdown: data.markdown,
    excerpt: data.excerpt ?? null,
    tags: JSON.stringify(data.tags),
    categories: JSON.stringify(data.categories),
    images: JSON.stringify(data.images),
    language: data.language ?? null,
    starts_at: data.startsAt ?? null,
    ends_at: data.endsAt ?? null,
    region_ids: data.regionIds ? JSON.stringify(data.regionIds) : null,
    created_at: at,
    updated_at: at,
  };
  await trx.insertInto('content_items').values(row).execute();
  await appendHistory(trx, deps.newId, {
    entity: 'content_item',
    entityId: id,
    action: 'created',
    actor,
    at,
    changes: { title: data.title, slug: data.slug, kind: data.kind },
  });
  return contentItemFromRow(row);
}

/** One content item, or NotFoundError. */
export async function getContentItem(
  deps: Pick<ServiceDeps, 'db'> | { db: Transaction<Database> },
  id: string,
): Promise<StoredContentItem> {
  const row = await deps.db
    .selectFrom('content_items')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No content item with id ${id}.`);
  return contentItemFromRow(row);
}

/** One page of content items, newest first; `nextCursor` is set when there are more. */
export async function listContentItems(
  deps: Pick<ServiceDeps, 'db'>,
  input: ListContentItemsInput = {},
): Promise<{ items: StoredContentItem[]; nextCursor?: string }> {
  const filter = parseInput(listContentItemsSchema, input, 'content item filter');
  let query = deps.db.selectFrom('content_items').selectAll();
  if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
  if (filter.cursor !== undefined) query = query.where('id', '<', filter.cursor);
  // Ids are ULIDs: id order is creation order, and keyset paging by id never skips or repeats.
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const items = rows.slice(0, filter.limit).map(contentItemFromRow);
  const last = items.at(-1);
  return rows.length > filter.limit && last ? { items, nextCursor: last.id } : { items };
}

import type { Selectable, SelectQueryBuilder, Transaction } from 'kysely';
import { slugify } from '../../content/index.js';
import { NotFoundError } from '../../shared/errors.js';
import { appendHistory, type ContentItemsTable, type Database } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import { checkSites, clientIssues, regionIssues } from '../task-list/references.js';
import { contentItemFromRow } from '../rows.js';
import { createContentItemSchema, type CreateContentItemInput } from '../schemas/entities.js';
import {
  apiContentItemSchema,
  listContentItemsSchema,
  type ApiContentItemInput,
  type ListContentItemsInput,
  type TextState,
} from '../schemas/content.js';
import type { StoredContentItem } from '../types.js';
import { resolveUploadedImages } from './uploads.js';
import { invalid, parseInput } from '../validate.js';

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

/**
 * Inserts a validated content item inside `unit` (used by schedules too). `siteIds` and
 * `publishAt` are what she chose in the editor, kept with the draft.
 */
export async function insertContentItem(
  deps: Pick<ServiceDeps, 'newId'>,
  { trx, at, actor }: Unit,
  data: ReturnType<typeof createContentItemSchema.parse> & {
    siteIds?: string[] | undefined;
    publishAt?: string | undefined;
  },
  options: { clientChecked?: boolean } = {},
): Promise<StoredContentItem> {
  const issues = options.clientChecked ? [] : await clientIssues(trx, data.clientId);
  if (data.regionIds && !options.clientChecked)
    issues.push(...(await regionIssues(trx, data.clientId, data.regionIds)));
  // A draft may name a site whose check fails today: publishing checks it again.
  issues.push(
    ...(await checkSites(trx, data.clientId, data.siteIds ?? [], 'siteIds', { working: false })),
  );
  if (issues.length) throw invalid('content item', issues);
  const id = deps.newId();
  const slug = data.slug ?? (slugify(data.title) || 'post');
  const row = {
    id,
    client_id: data.clientId,
    kind: data.kind,
    title: data.title,
    slug,
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
    revision: 1,
    site_ids: JSON.stringify(data.siteIds ?? []),
    publish_at: data.publishAt ?? null,
  };
  await trx.insertInto('content_items').values(row).execute();
  await appendHistory(trx, deps.newId, {
    entity: 'content_item',
    entityId: id,
    action: 'created',
    actor,
    at,
    changes: { title: data.title, slug, kind: data.kind },
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

const LIVE = ['published'];
const WAITING = ['pending', 'publishing', 'scheduled'];

// Keeps the items in `state` (schemas-content.ts textStates), read from their publications.
function whereState(
  query: SelectQueryBuilder<Database, 'content_items', Selectable<ContentItemsTable>>,
  state: TextState,
): SelectQueryBuilder<Database, 'content_items', Selectable<ContentItemsTable>> {
  return query.where((eb) => {
    const withPublication = (states: string[]) =>
      eb.exists(
        eb
          .selectFrom('publications')
          .select('publications.id')
          .whereRef('publications.content_item_id', '=', 'content_items.id')
          .where('publications.state', 'in', states),
      );
    const live = withPublication(LIVE);
    const waiting = withPublication(WAITING);
    if (state === 'published') return live;
    if (state === 'scheduled') return eb.and([eb.not(live), waiting]);
    return eb.and([eb.not(live), eb.not(waiting)]);
  });
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
  if (filter.state !== undefined) query = whereState(query, filter.state);
  // Ids are ULIDs: id order is creation order, and keyset paging by id never skips or repeats.
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const items = rows.slice(0, filter.limit).map(contentItemFromRow);
  const last = items.at(-1);
  return rows.length > filter.limit && last ? { items, nextCursor: last.id } : { items };
}

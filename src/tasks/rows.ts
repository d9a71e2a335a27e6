import type { Selectable } from 'kysely';
import type {
  ClientsTable,
  ContentItemsTable,
  HistoryTable,
  PublicationsTable,
  SitesTable,
  TasksTable,
} from '../store/index.js';
import { changesView, detailsView, imagesView } from './content-items/file-views.js';
import type { TaskStatus } from './schemas/common.js';
import type {
  Client,
  ContentKindName,
  HistoryEntry,
  Priority,
  Publication,
  PublicationState,
  Site,
  SiteKindName,
  StoredContentItem,
  Task,
  TaskSource,
} from './types.js';

// Rows are written only by this module through validated inputs, so reading them back
// trusts their shape (the casts below narrow text columns to the enums that were written).

/** A clients row as a Client. */
export function clientFromRow(row: Omit<Selectable<ClientsTable>, 'archived_at'>): Client {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    languages: JSON.parse(row.languages) as Client['languages'],
    contact: JSON.parse(row.contact) as Client['contact'],
    availability: JSON.parse(row.availability) as Client['availability'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A sites row as a Site. */
export function siteFromRow(
  row: Omit<Selectable<SitesTable>, 'archived_at' | 'check_ok' | 'check_at' | 'check_cause'>,
): Site {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    kind: row.kind as SiteKindName,
    url: row.url,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A content_items row as a StoredContentItem. */
export function contentItemFromRow(row: Selectable<ContentItemsTable>): StoredContentItem {
  return {
    id: row.id,
    clientId: row.client_id,
    kind: row.kind as ContentKindName,
    title: row.title,
    slug: row.slug,
    markdown: row.markdown,
    excerpt: row.excerpt,
    tags: JSON.parse(row.tags) as string[],
    categories: JSON.parse(row.categories) as string[],
    images: imagesView(JSON.parse(row.images) as StoredContentItem['images']),
    language: row.language,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    regionIds: row.region_ids === null ? [] : (JSON.parse(row.region_ids) as string[]),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    siteIds: JSON.parse(row.site_ids) as string[],
    publishAt: row.publish_at,
  };
}

/** A tasks row as a Task. */
export function taskFromRow(row: Selectable<TasksTable>): Task {
  // Built in one literal: spreading `{ kind, details }` into it first made V8 take a slow
  // path (≈10 µs a row, most of a list query's time).
  return {
    kind: row.kind,
    // Attachment paths stay in the process, out of JSON (file-views.ts).
    details: detailsView(row.id, JSON.parse(row.details)),
    id: row.id,
    clientId: row.client_id,
    status: row.status as TaskStatus,
    title: row.title,
    priority: row.priority as Priority,
    dueAt: row.due_at,
    assignee: row.assignee,
    source: row.source as TaskSource,
    contentItemId: row.content_item_id,
    scheduleId: row.schedule_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  } as Task;
}

/** The columns of `tasks` in the order taskFromValues reads them. */
export const TASK_COLUMNS = [
  'kind',
  'details',
  'id',
  'client_id',
  'status',
  'title',
  'priority',
  'due_at',
  'assignee',
  'source',
  'content_item_id',
  'schedule_id',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TasksTable)[];

/** A tasks row read as an array of TASK_COLUMNS (SQLite's raw mode) as a Task. */
export function taskFromValues(v: unknown[]): Task {
  // Same literal, same key order as taskFromRow, so both serialize to the same JSON.
  return {
    kind: v[0],
    details: detailsView(v[2] as string, JSON.parse(v[1] as string)),
    id: v[2],
    clientId: v[3],
    status: v[4],
    title: v[5],
    priority: v[6],
    dueAt: v[7],
    assignee: v[8],
    source: v[9],
    contentItemId: v[10],
    scheduleId: v[11],
    version: v[12],
    createdAt: v[13],
    updatedAt: v[14],
  } as Task;
}

/** A publications row as a Publication. */
export function publicationFromRow(row: Selectable<PublicationsTable>): Publication {
  return {
    id: row.id,
    taskId: row.task_id,
    contentItemId: row.content_item_id,
    siteId: row.site_id,
    state: row.state as PublicationState,
    remoteId: row.remote_id,
    // The address is handed out only while the post is live: before its start (a Ghost
    // preview link) and after its take-down it would show the offer outside its window.
    url: row.state === 'published' ? row.url : null,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    verifiedAt: row.verified_at,
    nextVerifyAt: row.next_verify_at,
    // Only while it is being published: whose it is and until when (a lease past is stalled).
    ...(row.state === 'publishing' ? { owner: row.owner, leaseUntil: row.lease_until } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A history row as a HistoryEntry. */
export function historyFromRow(row: Selectable<HistoryTable>): HistoryEntry {
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    actor: row.actor,
    at: row.at,
    changes: withoutPreviewUrl(row.entity, changesView(JSON.parse(row.changes))),
  };
}

/**
 * Entries written before issue 23 recorded a scheduled Ghost post's preview link
 * (`/p/<uuid>/`) as its address; a publication's address is shown only for a live post.
 */
function withoutPreviewUrl(entity: string | null, changes: unknown): unknown {
  if (entity !== 'publication' || changes === null || typeof changes !== 'object') return changes;
  const { url, ...rest } = changes as Record<string, unknown>;
  return url === undefined || (changes as Record<string, unknown>).state === 'published'
    ? changes
    : rest;
}

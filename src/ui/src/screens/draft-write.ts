import type { Api } from '../api/client.js';
import type { RequestText, Task } from '../api/types.js';
import type { EditorImage } from '../parts/image-drop.js';
import { localInputToIso } from '../parts/zoned-time.js';
import type { SavedRef } from './draft-saver.js';
import type { ContentItem, Draft } from './drafts.js';

/** What the editor shows, to be written to the server. */
export interface TextOnScreen {
  fields: Draft;
  images: EditorImage[];
  /** The sites ticked under "Publish to" (kept with the draft). */
  siteIds: string[];
  clientId: string;
  /** The client's timezone: the fields' times are its wall clock. */
  zone: string;
  /** The client's request the text answers, if any. */
  request: Task | undefined;
  /** The text goes out at "Publish at" (it was scheduled): its start is that time. */
  scheduled: boolean;
}

/**
 * Writes the text on screen: the first time as a new content item (a request's first text is
 * linked to it), then as a change of the revision the screen is based on (`base`), so a change
 * saved elsewhere meanwhile is refused (409) instead of overwritten. A scheduled text starts at
 * "Publish at": sites are told by the item's start, which the runner turns into WordPress's
 * "future" post, Ghost's "scheduled", etc.
 */
export async function writeText(
  api: Api,
  base: SavedRef,
  screen: TextOnScreen,
): Promise<ContentItem> {
  const { fields: v, clientId, request } = screen;
  const time = (local: string): string | undefined =>
    local ? localInputToIso(local, screen.zone) : undefined;
  const start = v.startsAt || (screen.scheduled ? v.publishAt : '');
  const fields = {
    title: v.title,
    slug: v.slug,
    markdown: v.markdown,
    tags: v.tags
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    images: screen.images.map((i) => ({ uploadId: i.uploadId, ...(i.alt ? { alt: i.alt } : {}) })),
    siteIds: screen.siteIds,
  };
  // Text that is not a date yet is sent as typed: the server names the field.
  const times = {
    startsAt: time(start) ?? start,
    endsAt: time(v.endsAt) ?? v.endsAt,
    publishAt: time(v.publishAt),
  };
  if (base.itemId && base.clientId === clientId)
    return api.send<ContentItem>('PATCH', `/api/v1/content-items/${base.itemId}`, {
      ...fields,
      excerpt: v.excerpt || null,
      startsAt: start ? times.startsAt : null,
      endsAt: v.endsAt ? times.endsAt : null,
      publishAt: times.publishAt ?? null,
      baseRevision: base.revision,
    });
  const body = {
    kind: v.startsAt || v.endsAt ? 'promotion' : 'post',
    ...fields,
    ...(v.excerpt ? { excerpt: v.excerpt } : {}),
    ...(start ? { startsAt: times.startsAt } : {}),
    ...(v.endsAt ? { endsAt: times.endsAt } : {}),
    ...(times.publishAt ? { publishAt: times.publishAt } : {}),
  };
  // A request's first save makes its text (linked to it, for the request's client).
  return request && !request.contentItemId && request.clientId === clientId
    ? (await api.send<RequestText>('POST', `/api/v1/tasks/${request.id}/text`, body)).item
    : api.send<ContentItem>('POST', '/api/v1/content-items', { clientId, ...body });
}

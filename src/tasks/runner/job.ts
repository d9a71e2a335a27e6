import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ContentItem, MediaFile, PublishOptions } from '../../connectors/types.js';
import type { StoredContentItem } from '../types.js';

/** Reads an image of a content item by its stored reference. */
export type MediaLoader = (ref: StoredContentItem['images'][number]) => Promise<MediaFile>;

/** The default loader: the file at the stored path. */
export const loadMediaFromDisk: MediaLoader = async (ref) => ({
  filename: ref.filename || basename(ref.path),
  contentType: ref.contentType,
  data: new Uint8Array(await readFile(ref.path)),
  ...(ref.alt ? { alt: ref.alt } : {}),
});

/** A stored content item as the connector contract wants it. */
export async function toConnectorItem(
  item: StoredContentItem,
  loadMedia: MediaLoader,
): Promise<ContentItem> {
  const images = await Promise.all(item.images.map(loadMedia));
  return {
    id: item.id,
    title: item.title,
    slug: item.slug,
    markdown: item.markdown,
    kind: item.kind,
    ...(item.excerpt !== null ? { excerpt: item.excerpt } : {}),
    ...(item.tags.length ? { tags: item.tags } : {}),
    ...(item.categories.length ? { categories: item.categories } : {}),
    ...(item.language !== null ? { language: item.language } : {}),
    ...(item.startsAt !== null ? { startsAt: new Date(item.startsAt) } : {}),
    ...(item.endsAt !== null ? { endsAt: new Date(item.endsAt) } : {}),
    ...(images.length ? { images } : {}),
  };
}

/** Publish options: a promotion that starts later is scheduled for its start. */
export function publishOptionsFor(
  item: StoredContentItem,
  nowMs: number,
  remoteId: string | null,
  taskId: string,
): PublishOptions {
  const startsLater = item.startsAt !== null && Date.parse(item.startsAt) > nowMs;
  return {
    taskId,
    ...(remoteId !== null ? { remoteId } : {}),
    ...(startsLater
      ? { status: 'scheduled' as const, publishAt: new Date(item.startsAt as string) }
      : {}),
  };
}

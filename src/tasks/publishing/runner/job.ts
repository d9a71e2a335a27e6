import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { RemoteError, SitedeskError } from '../../../shared/errors.js';
import type {
  ContentItem,
  MediaFile,
  PublishOptions,
  PublishResult,
} from '../../../connectors/types.js';
import type { StoredContentItem } from '../../types.js';

/** Reads an image of a content item by its stored reference. */
export type MediaLoader = (ref: StoredContentItem['images'][number]) => Promise<MediaFile>;

/**
 * The default loader: the file at the stored path. A file that cannot be read (deleted from
 * the upload folder, unreadable) is a SitedeskError `image_unreadable` whose message names the
 * image by its filename only — it becomes the publication's `lastError`, which the API shows,
 * so the server's path must not be in it — and which is not retried: uploading again is the fix.
 */
export const loadMediaFromDisk: MediaLoader = async (ref) => {
  const filename = ref.filename || basename(ref.path);
  let data: Buffer;
  try {
    data = await readFile(ref.path);
  } catch (error) {
    throw imageUnreadable(filename, error);
  }
  return {
    filename,
    contentType: ref.contentType,
    data: new Uint8Array(data),
    ...(ref.alt ? { alt: ref.alt } : {}),
  };
};

// The file's own name, without any folder a stored name might carry; the cause (which names the path) is not kept.
function imageUnreadable(filename: string, error: unknown): SitedeskError {
  const name = filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const why =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'is no longer on the server'
      : `could not be read on the server${/^E[A-Z]+$/.test(code) ? ` (${code})` : ''}`;
  return new SitedeskError(
    'image_unreadable',
    `the image ${name || 'file'} ${why}; upload it again`,
  );
}

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

/**
 * The publication's state from what the site answered (issue 23: a site's own scheduler is
 * not trusted, WP-Cron runs only on visits): `scheduled` only when sitedesk asked for it,
 * `published` only when the site says the post is live. Anything else (a post the site kept
 * `future` or `draft` after its start) is a retryable failure: the runner publishes it again.
 */
export function stateOnSite(
  result: PublishResult,
  options: PublishOptions,
  siteUrl: string,
): 'published' | 'scheduled' {
  const wanted = options.status ?? 'published';
  // A post the site says is live is live, even when it was asked to wait (its start came
  // while the request was on the way): the record follows the site.
  if (result.status === 'published') return 'published';
  if (result.status === 'scheduled' && wanted === 'scheduled') return 'scheduled';
  throw new RemoteError(
    'remote_not_live',
    { method: 'POST', url: siteUrl },
    `the site kept the post ${result.status} (id ${result.remoteId}) when it was asked to make it ${wanted}`,
    { retryable: true },
  );
}

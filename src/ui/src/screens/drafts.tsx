import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import type { EditorImage } from '../parts/image-drop.js';
import { isoToLocalInput } from '../parts/zoned-time.js';

/** What the editor's fields hold (times as the client's wall clock, `YYYY-MM-DDTHH:mm`). */
export interface Draft {
  clientId: string;
  /** The saved content item this text is (saving changes it), or '' before the first save. */
  itemId: string;
  title: string;
  slug: string;
  excerpt: string;
  tags: string;
  markdown: string;
  startsAt: string;
  endsAt: string;
  publishAt: string;
}

/** An empty editor. */
export const blankDraft: Draft = {
  clientId: '',
  itemId: '',
  title: '',
  slug: '',
  excerpt: '',
  tags: '',
  markdown: '',
  startsAt: '',
  endsAt: '',
  publishAt: '',
};

/** A saved content item as `GET /api/v1/content-items` lists it. */
export interface ContentItem {
  id: string;
  clientId: string;
  title: string;
  slug: string;
  markdown: string;
  excerpt: string | null;
  tags: string[];
  images: { filename: string; uploadId?: string; url?: string; alt?: string }[];
  startsAt: string | null;
  endsAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A saved item back in the editor's fields (times on the client's wall clock). */
export function draftOf(item: ContentItem, zone: string): [Draft, EditorImage[]] {
  const draft: Draft = {
    clientId: item.clientId,
    itemId: item.id,
    title: item.title,
    slug: item.slug,
    excerpt: item.excerpt ?? '',
    tags: item.tags.join(', '),
    markdown: item.markdown,
    startsAt: isoToLocalInput(item.startsAt, zone),
    endsAt: isoToLocalInput(item.endsAt, zone),
    publishAt: '',
  };
  const images = item.images.flatMap((i) =>
    i.uploadId && i.url
      ? [{ uploadId: i.uploadId, filename: i.filename, url: i.url, alt: i.alt ?? '' }]
      : [],
  );
  return [draft, images];
}

/** The client's saved texts, newest first, each to open again in the editor. */
export function Drafts(props: {
  api: Api;
  clientId: string;
  zone: string;
  /** Changes after each save, so the list shows the newest. */
  version: number;
  onOpen: (draft: Draft, images: EditorImage[]) => void;
}): JSX.Element | null {
  const { t, dateTime } = useI18n();
  const list = useData<Page<ContentItem>>(
    props.api,
    props.clientId ? `/api/v1/content-items?clientId=${props.clientId}&limit=20` : undefined,
  );
  const { reload } = list;
  useEffect(() => {
    if (props.version > 0) reload();
  }, [props.version, reload]);
  const items = list.data?.items ?? [];
  if (!items.length) return null;
  return (
    <details class="card drafts">
      <summary>
        <h2>{t('drafts')}</h2>
      </summary>
      <ul class="rows">
        {items.map((item) => (
          <li key={item.id}>
            <span class="task-line">
              <span class="task-title">{item.title}</span>
              <span class="meta">{dateTime(item.updatedAt, props.zone)}</span>
            </span>
            <button
              type="button"
              aria-label={`${t('reopenDraft')}: ${item.title}`}
              onClick={() => props.onOpen(...draftOf(item, props.zone))}
            >
              {t('reopenDraft')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

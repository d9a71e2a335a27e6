import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import type { Page } from '../api/types.js';
import { useI18n, type T } from '../i18n/i18n.js';
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

/** A saved content item (a text), as the content-item routes answer it. */
export type ContentItem = Answer<'/api/v1/content-items/{id}', 'get'>;

/**
 * A saved item back in the editor's fields (times on the client's wall clock). A text
 * scheduled as a whole starts when it is published: that time shows once, under "Publish at".
 */
export function draftOf(item: ContentItem, zone: string): [Draft, EditorImage[]] {
  const scheduled = item.startsAt !== null && item.startsAt === item.publishAt;
  const draft: Draft = {
    clientId: item.clientId,
    itemId: item.id,
    title: item.title,
    slug: item.slug,
    excerpt: item.excerpt ?? '',
    tags: item.tags.join(', '),
    markdown: item.markdown,
    startsAt: scheduled ? '' : isoToLocalInput(item.startsAt, zone),
    endsAt: isoToLocalInput(item.endsAt, zone),
    publishAt: isoToLocalInput(item.publishAt, zone),
  };
  const images = item.images.flatMap((i) =>
    i.uploadId && i.url
      ? [{ uploadId: i.uploadId, filename: i.filename, url: i.url, alt: i.alt ?? '' }]
      : [],
  );
  return [draft, images];
}

/** Where a text stands (the API's `state` filter). */
export type TextState = 'draft' | 'scheduled' | 'published';

const listTitles: Record<TextState, Parameters<T>[0]> = {
  draft: 'listDrafts',
  scheduled: 'listScheduled',
  published: 'listPublished',
};

/** The client's texts in one state, newest first, each to open again in the editor. */
function TextList(props: {
  api: Api;
  clientId: string;
  zone: string;
  state: TextState;
  version: number;
  onOpen: (item: ContentItem) => void;
}): JSX.Element {
  const { t, dateTime } = useI18n();
  const list = useData<Page<ContentItem>>(
    props.api,
    `/api/v1/content-items?clientId=${props.clientId}&state=${props.state}&limit=20`,
  );
  const { reload } = list;
  useEffect(() => {
    if (props.version > 0) reload();
  }, [props.version, reload]);
  const items = list.data?.items ?? [];
  const id = `texts-${props.state}`;
  return (
    <section class="text-list" aria-labelledby={id} data-state={props.state}>
      <h3 id={id}>
        {t(listTitles[props.state])} {list.data ? `(${items.length})` : ''}
      </h3>
      {list.data && !items.length && <p class="meta">{t('listEmpty')}</p>}
      <ul class="rows">
        {items.map((item) => (
          <li key={item.id}>
            <span class="task-line">
              <span class="task-title">{item.title}</span>
              <span class="meta">
                {props.state === 'scheduled' && item.startsAt
                  ? t('goesOutAt', { time: dateTime(item.startsAt, props.zone) })
                  : t('changedAt', { time: dateTime(item.updatedAt, props.zone) })}
              </span>
            </span>
            <button
              type="button"
              aria-label={`${t('reopenDraft')}: ${item.title}`}
              onClick={() => props.onOpen(item)}
            >
              {t('reopenDraft')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The client's saved texts as three lists: drafts, scheduled and published (issue 15). */
export function Drafts(props: {
  api: Api;
  clientId: string;
  zone: string;
  /** Changes after each save, so the lists show the newest. */
  version: number;
  onOpen: (item: ContentItem) => void;
}): JSX.Element | null {
  const { t } = useI18n();
  if (!props.clientId) return null;
  return (
    <details class="card drafts">
      <summary>
        <h2>{t('textsTitle')}</h2>
      </summary>
      {(['draft', 'scheduled', 'published'] as const).map((state) => (
        <TextList key={state} {...props} state={state} />
      ))}
    </details>
  );
}

import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Client, Page, PreviewLink, PublishRequest, Site, Task } from '../api/types.js';
// The one slug function of sitedesk, shared with the server (a pure file without imports).
import { slugify } from '../../../content/slug.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { DateTimeField } from '../parts/date-time-field.js';
import { TextEditor, type ImagePlace } from '../editor/index.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ImageDrop, useImageUpload, type EditorImage } from '../parts/image-drop.js';
import { LivePreview } from '../parts/live-preview.js';
import { localInputToIso } from '../parts/zoned-time.js';
import { blankDraft, draftOf, Drafts, type ContentItem, type Draft } from './drafts.js';
import { useOpenText } from './open-text.js';
import { RequestBeside } from './request-beside.js';
import { SendForApproval } from './send-approval.js';
import { go, renameRoute } from '../parts/route.js';
import { IncompleteText, useDraftSaver, type SavedRef } from './draft-saver.js';
import { writeText } from './draft-write.js';
import { SaveStatus } from './save-status.js';
import { PreviewFrame } from './preview-frame.js';
import { Progress } from './progress.js';
import { SitePicker } from './site-picker.js';

const fieldNames = [
  'title',
  'slug',
  'markdown',
  'excerpt',
  'tags',
  'images',
  'startsAt',
  'endsAt',
  'siteIds',
  'dueAt',
];

/**
 * Markdown editor with images, a live and a styled preview, publish now or later, progress.
 * Opened on a client's request (`requestId`) it writes that request's text, with the request
 * beside it; opened on a saved text (`itemId`) it brings back the text, its images and sites.
 */
export function Editor({
  api,
  requestId,
  itemId,
}: {
  api: Api;
  requestId?: string;
  itemId?: string;
}): JSX.Element {
  const { t } = useI18n();
  const clients = useData<Page<Client>>(api, '/api/v1/clients');
  const [v, setV] = useState<Draft>(blankDraft);
  // What it was opened on, once: a new text given its address when first saved (write/item/ID)
  // stays on screen as typed, never reloaded over what she types meanwhile.
  const [openedOn] = useState({ requestId, itemId });
  const opening = useOpenText(api, openedOn);
  const request = opening.request;
  const clientId = v.clientId || clients.data?.items[0]?.id || '';
  const zone = clients.data?.items.find((c) => c.id === clientId)?.timezone ?? 'UTC';
  const sites = useData<Page<Site>>(
    api,
    clientId ? `/api/v1/sites?clientId=${clientId}` : undefined,
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [images, setImages] = useState<EditorImage[]>([]);
  // Whether the text goes out at "Publish at" (it was scheduled): saves keep its start then.
  const scheduled = useRef(false);
  const saver = useDraftSaver({
    write: (base) => write(base),
    complete: () => Boolean(clientId && v.title.trim() && v.slug && v.markdown.trim()),
    confirmLeave: () => confirm(t('leaveUnsaved')),
    onSaved: (item, wasNew) => {
      setV((prev) => ({ ...prev, clientId: item.clientId, itemId: item.id }));
      setSaves((n) => n + 1);
      // A new text gets its own address: reloading the page or reopening the tab finds it.
      if (wasNew && !request) renameRoute(`write/item/${item.id}`);
    },
  });
  const edited = saver.changed;
  // Puts a saved version into the fields (opening it, or taking the other version).
  const show = (item: ContentItem, fields: Draft, shown: EditorImage[], siteIds: string[]) => {
    setV(fields);
    setImages(shown);
    setPicked(siteIds);
    scheduled.current = item.startsAt !== null && item.startsAt === item.publishAt;
    saver.loaded(item);
  };
  // What was opened fills the fields once it has loaded (a text, or a request's client and sites).
  useEffect(() => {
    const { draft } = opening;
    if (draft) show(draft.item, draft.fields, draft.images, draft.siteIds);
    else if (request) setV((prev) => ({ ...prev, clientId: request.clientId }));
  }, [opening.draft, request]);
  useEffect(() => {
    // A request's text goes to the site she named, else to all of the client's sites.
    if (!request || opening.draft || !sites.data) return;
    const named = request.details.siteId;
    setPicked(typeof named === 'string' ? [named] : sites.data.items.map((s) => s.id));
  }, [request, opening.draft, sites.data]);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [previewUrl, setPreviewUrl] = useState<string | undefined>();
  const [task, setTask] = useState<Task | undefined>();
  const [busy, setBusy] = useState(false);
  const [saves, setSaves] = useState(0);
  // Where the next image goes: the cursor in the text, kept while focus is on the image buttons.
  const cursor = useRef<number | undefined>(undefined);
  const set = (key: keyof Draft) => (e: Event) => {
    const value = valueOf(e);
    edited();
    setV((prev) =>
      key === 'title' && (!prev.slug || prev.slug === slugify(prev.title))
        ? { ...prev, title: value, slug: slugify(value) }
        : { ...prev, [key]: value },
    );
  };
  // Filled by the rich editor while it shows: it puts the picture at its own cursor.
  const imagePlace = useRef<ImagePlace['current']>(undefined);
  const insert = (image: EditorImage): void => {
    if (imagePlace.current) {
      imagePlace.current(image.filename, image.alt);
      return;
    }
    setV((prev) => {
      const at = Math.min(cursor.current ?? prev.markdown.length, prev.markdown.length);
      const before = prev.markdown.slice(0, at);
      const piece = `${before === '' || before.endsWith('\n') ? '' : '\n\n'}![${image.alt}](${image.filename})\n`;
      cursor.current = at + piece.length;
      return { ...prev, markdown: before + piece + prev.markdown.slice(at) };
    });
  };
  const uploads = useImageUpload(api, (image) => {
    setImages((prev) => [...prev, image]);
    insert(image);
    edited();
  });
  const changeAlt = (image: EditorImage, alt: string): void => {
    edited();
    setImages((prev) => prev.map((i) => (i.uploadId === image.uploadId ? { ...i, alt } : i)));
    // The description in the text follows the field, where the text still has the old one.
    setV((prev) => ({
      ...prev,
      markdown: prev.markdown
        .split(`![${image.alt}](${image.filename})`)
        .join(`![${alt}](${image.filename})`),
    }));
  };
  const time = (local: string): string | undefined =>
    local ? localInputToIso(local, zone) : undefined;
  // Writes what is on screen (draft-write.ts); saves run one after another (draft-saver.ts).
  const write = (base: SavedRef): Promise<ContentItem> =>
    writeText(api, base, {
      fields: v,
      images,
      siteIds: picked,
      clientId,
      zone,
      request,
      scheduled: scheduled.current,
    });
  const save = (): Promise<string> => saver.ensureSaved();
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setErrors({ fields: {} });
    try {
      await work();
    } catch (err) {
      // A saved text cannot change while one of its sites is being published (409); a change
      // saved elsewhere meanwhile is shown by SaveStatus with the choice of version.
      setErrors(
        err instanceof IncompleteText
          ? { fields: {}, general: t('notSavedIncomplete') }
          : err instanceof ApiError && err.code === 'edit_conflict'
            ? { fields: {}, general: t('draftConflictTitle') }
            : err instanceof ApiError && err.status === 409
              ? { fields: {}, general: t('itemBusy') }
              : formErrors(err, t, fieldNames),
      );
    } finally {
      setBusy(false);
    }
  };
  const preview = (): Promise<void> =>
    run(async () => {
      const id = await save();
      const p = await api.send<PreviewLink>('POST', `/api/v1/content-items/${id}/previews`, {});
      setPreviewUrl(p.url);
    });
  const publish = (at?: string): Promise<void> =>
    run(async () => {
      if (picked.length === 0) {
        setErrors({ fields: { siteIds: t('pickSite') } });
        return;
      }
      const dueAt = at ? time(at) : undefined;
      if (at && !dueAt) {
        setErrors({ fields: { dueAt: t('notADate') } });
        return;
      }
      // A promotion goes out when it starts: one time, not two that disagree.
      if (at && v.startsAt && v.startsAt !== at) {
        setErrors({ fields: { dueAt: t('promotionStartsIt') } });
        return;
      }
      scheduled.current = Boolean(at);
      const id = await saver.ensureSaved(true);
      const res = await api.send<PublishRequest>('POST', '/api/v1/publish', {
        contentItemId: id,
        siteIds: picked,
        ...(dueAt ? { dueAt } : {}),
      });
      setTask(res.task);
    });
  const dateField = (key: 'startsAt' | 'endsAt' | 'publishAt', label: string, error?: string) => (
    <DateTimeField
      label={label}
      name={key}
      error={error}
      help={t('timesInZone', { zone })}
      value={v[key]}
      onChange={(value) => {
        edited();
        setV((prev) => ({ ...prev, [key]: value }));
      }}
    />
  );
  return (
    <>
      <h1>{t('editorTitle')}</h1>
      <Drafts
        api={api}
        clientId={clientId}
        zone={zone}
        version={saves}
        onOpen={(item) => {
          // Opened by its address: text, images, sites, dates and request all come back.
          go(`write/item/${item.id}`);
        }}
      />
      {request && (
        <RequestBeside
          api={api}
          request={request}
          onImage={(image) => {
            setImages((prev) => [...prev, image]);
            insert(image);
            edited();
          }}
        />
      )}
      {opening.draft && (
        <p role="status" class="ok">
          {opening.draft.published
            ? t('publishedTextOpen')
            : t('draftOpened', { title: opening.draft.fields.title })}
        </p>
      )}
      {opening.error !== undefined && <ErrorBox message={formErrors(opening.error, t).general} />}
      <form
        class="card editor"
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
        // Leaving a field saves at once (typing saves after a quiet moment).
        onFocusOut={() => void saver.saveSoon()}
      >
        <SaveStatus
          state={saver.state}
          pending={saver.pending}
          mine={v}
          onKeepMine={saver.keepMine}
          onTakeTheirs={() => {
            if (saver.state.kind !== 'conflict') return;
            const theirs = saver.state.theirs;
            const [fields, shown] = draftOf(theirs, zone);
            show(theirs, fields, shown, theirs.siteIds.length ? theirs.siteIds : picked);
          }}
        />
        <ErrorBox message={errors.general} />
        <Field label={t('client')}>
          {(p) => (
            <select
              {...p}
              value={clientId}
              onChange={(e) => {
                // Another client's text is a new content item (items belong to one client).
                setV({ ...v, clientId: valueOf(e), itemId: '' });
                setPicked([]);
                saver.forget();
                edited();
              }}
            >
              {(clients.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div class="row2">
          <Field label={t('title')} error={errors.fields.title}>
            {(p) => <input {...p} name="title" required value={v.title} onInput={set('title')} />}
          </Field>
          <Field label={t('slug')} error={errors.fields.slug}>
            {(p) => <input {...p} name="slug" required value={v.slug} onInput={set('slug')} />}
          </Field>
        </div>
        <div class="write">
          <TextEditor
            label={t('editorText')}
            name="markdown"
            rows={12}
            required
            error={errors.fields.markdown}
            value={v.markdown}
            onChange={(markdown) => {
              // Her typing, in either mode: the draft saver must hear of it (autosave, leaving).
              setV((prev) => ({ ...prev, markdown }));
              edited();
            }}
            onPlainCursor={(box) => {
              cursor.current = box.selectionEnd;
            }}
            onPlainDrop={(e) => {
              const files = [...(e.dataTransfer?.files ?? [])];
              if (!files.length) return;
              e.preventDefault();
              void uploads.upload(files);
            }}
            imagePlace={imagePlace}
            imageUpload={{
              upload: (files) => void uploads.upload(files),
              urlOf: (src) => images.find((i) => i.filename === src)?.url ?? src,
            }}
          />
          <div class="live">
            <p class="label" aria-hidden="true">
              {t('livePreview')}
            </p>
            <LivePreview title={v.title} markdown={v.markdown} images={images} />
          </div>
        </div>
        <ImageDrop
          images={images}
          {...uploads}
          onAlt={changeAlt}
          onInsert={insert}
          onRemove={(img) => {
            edited();
            setImages((prev) => prev.filter((i) => i.uploadId !== img.uploadId));
          }}
        />
        {errors.fields.images && (
          <p class="error" role="alert">
            {errors.fields.images}
          </p>
        )}
        <div class="row2">
          <Field label={t('excerpt')} error={errors.fields.excerpt}>
            {(p) => <input {...p} name="excerpt" value={v.excerpt} onInput={set('excerpt')} />}
          </Field>
          <Field label={t('tags')} error={errors.fields.tags}>
            {(p) => <input {...p} name="tags" value={v.tags} onInput={set('tags')} />}
          </Field>
        </div>
        <div class="row2">
          {dateField('startsAt', t('promotionStart'), errors.fields.startsAt)}
          {dateField('endsAt', t('promotionEnd'), errors.fields.endsAt)}
        </div>
        <SitePicker
          sites={sites.data?.items}
          picked={picked}
          onChange={(ids) => {
            edited();
            setPicked(ids);
          }}
          error={errors.fields.siteIds}
        />
        <div class="buttons">
          <button type="button" onClick={() => void preview()} disabled={busy || !clientId}>
            {t('previewBtn')}
          </button>
          <button type="submit" class="primary" disabled={busy || !clientId}>
            {t('publishNow')}
          </button>
        </div>
        <div class="publish-later">
          {dateField('publishAt', t('publishAt'), errors.fields.dueAt)}
          <button
            type="button"
            onClick={() => void publish(v.publishAt)}
            disabled={busy || !v.publishAt}
          >
            {t('schedulePublish')}
          </button>
        </div>
        {busy && <p role="status">{t('saving')}</p>}
        <SendForApproval
          api={api}
          save={() => save()}
          siteIds={picked}
          clientName={clients.data?.items.find((c) => c.id === clientId)?.name ?? ''}
          onError={(err) => {
            const found = formErrors(err, t, fieldNames);
            if (Object.keys(found.fields).length === 0) return false;
            setErrors(found);
            return true;
          }}
        />
      </form>
      {previewUrl !== undefined && (
        <section class="card" aria-labelledby="pv">
          <h2 id="pv">{t('previewTitle')}</h2>
          <PreviewFrame url={previewUrl} />
        </section>
      )}
      {task && <Progress api={api} taskId={task.id} sites={sites.data?.items ?? []} />}
    </>
  );
}

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client, Page, Publication, Site, Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { Progress } from './progress.js';

const blank = {
  clientId: '',
  title: '',
  slug: '',
  excerpt: '',
  tags: '',
  markdown: '',
  startsAt: '',
  endsAt: '',
  publishAt: '',
};

function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

const localToIso = (v: string): string | undefined => (v ? new Date(v).toISOString() : undefined);

/** Markdown editor with a sandboxed preview, publish now or later, live per-site progress. */
export function Editor({ api }: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const clients = useData<Page<Client>>(api, '/api/v1/clients');
  const [v, setV] = useState(blank);
  const clientId = v.clientId || clients.data?.items[0]?.id || '';
  const sites = useData<Page<Site>>(
    api,
    clientId ? `/api/v1/sites?clientId=${clientId}` : undefined,
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [previewHtml, setPreviewHtml] = useState<string | undefined>();
  const [previewUrl, setPreviewUrl] = useState<string | undefined>();
  const [task, setTask] = useState<Task | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof blank) => (e: Event) => {
    const value = valueOf(e);
    setV(
      key === 'title' && (!v.slug || v.slug === slugify(v.title))
        ? { ...v, title: value, slug: slugify(value) }
        : { ...v, [key]: value },
    );
  };
  const fields = [
    'title',
    'slug',
    'markdown',
    'excerpt',
    'tags',
    'startsAt',
    'endsAt',
    'siteIds',
    'dueAt',
  ];
  // Saves the text as a content item; each preview or publish saves what is on screen now.
  const save = async (): Promise<string> => {
    const item = await api.send<{ id: string }>('POST', '/api/v1/content-items', {
      clientId,
      kind: v.startsAt || v.endsAt ? 'promotion' : 'post',
      title: v.title,
      slug: v.slug,
      markdown: v.markdown,
      ...(v.excerpt ? { excerpt: v.excerpt } : {}),
      tags: v.tags
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      ...(v.startsAt ? { startsAt: localToIso(v.startsAt) } : {}),
      ...(v.endsAt ? { endsAt: localToIso(v.endsAt) } : {}),
    });
    return item.id;
  };
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setErrors({ fields: {} });
    try {
      await work();
    } catch (err) {
      setErrors(formErrors(err, t, fields));
    } finally {
      setBusy(false);
    }
  };
  const preview = (): Promise<void> =>
    run(async () => {
      const id = await save();
      const p = await api.send<{ url: string }>('POST', `/api/v1/content-items/${id}/previews`, {});
      // A srcdoc frame inherits this app's CSP, which refuses the preview's inline <style>;
      // the frame shows the text and images, the link opens the page with its own styles.
      const html = await api.text(p.url);
      setPreviewHtml(html.replace(/<style[\s\S]*?<\/style>/gi, ''));
      setPreviewUrl(p.url);
    });
  const publish = (at?: string): Promise<void> =>
    run(async () => {
      if (picked.length === 0) {
        setErrors({ fields: { siteIds: t('pickSite') } });
        return;
      }
      const id = await save();
      const res = await api.send<{ task: Task; publications: Publication[] }>(
        'POST',
        '/api/v1/publish',
        {
          contentItemId: id,
          siteIds: picked,
          ...(at ? { dueAt: localToIso(at) } : {}),
        },
      );
      setTask(res.task);
    });
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    const dropped = [...(e.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'));
    setFiles([...files, ...dropped]);
  };
  return (
    <>
      <h1>{t('editorTitle')}</h1>
      <form
        class="card editor"
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
      >
        <ErrorBox message={errors.general} />
        <Field label={t('client')}>
          {(p) => (
            <select
              {...p}
              value={clientId}
              onChange={(e) => {
                setV({ ...v, clientId: valueOf(e) });
                setPicked([]);
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
        <Field label={t('markdown')} error={errors.fields.markdown}>
          {(p) => (
            <textarea
              {...p}
              name="markdown"
              rows={10}
              required
              value={v.markdown}
              onInput={set('markdown')}
            />
          )}
        </Field>
        <div class="row2">
          <Field label={t('excerpt')} error={errors.fields.excerpt}>
            {(p) => <input {...p} name="excerpt" value={v.excerpt} onInput={set('excerpt')} />}
          </Field>
          <Field label={t('tags')} error={errors.fields.tags}>
            {(p) => <input {...p} name="tags" value={v.tags} onInput={set('tags')} />}
          </Field>
        </div>
        <div class="row2">
          <Field label={t('promotionStart')} error={errors.fields.startsAt}>
            {(p) => (
              <input
                {...p}
                name="startsAt"
                type="datetime-local"
                value={v.startsAt}
                onInput={set('startsAt')}
              />
            )}
          </Field>
          <Field label={t('promotionEnd')} error={errors.fields.endsAt}>
            {(p) => (
              <input
                {...p}
                name="endsAt"
                type="datetime-local"
                value={v.endsAt}
                onInput={set('endsAt')}
              />
            )}
          </Field>
        </div>
        <div class="drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <Field label={t('dropImages')}>
            {(p) => (
              <input
                {...p}
                type="file"
                accept="image/*"
                multiple
                onChange={(e) =>
                  setFiles([...files, ...((e.currentTarget as HTMLInputElement).files ?? [])])
                }
              />
            )}
          </Field>
          {files.length > 0 && (
            <ul>
              {files.map((f) => (
                <li key={f.name}>{f.name}</li>
              ))}
            </ul>
          )}
        </div>
        <fieldset aria-describedby={errors.fields.siteIds ? 'site-err' : undefined}>
          <legend>{t('targetSites')}</legend>
          {(sites.data?.items ?? []).map((s) => (
            <label key={s.id} class="check">
              <input
                type="checkbox"
                name="site"
                value={s.id}
                checked={picked.includes(s.id)}
                onChange={(e) =>
                  setPicked(
                    (e.currentTarget as HTMLInputElement).checked
                      ? [...picked, s.id]
                      : picked.filter((x) => x !== s.id),
                  )
                }
              />{' '}
              {s.name} ({t(`siteKind.${s.kind}`)})
            </label>
          ))}
          {sites.data?.items.length === 0 && <p class="muted">{t('noSitesYet')}</p>}
          {errors.fields.siteIds && (
            <p class="error" id="site-err" role="alert">
              {errors.fields.siteIds}
            </p>
          )}
        </fieldset>
        <div class="buttons">
          <button type="button" onClick={() => void preview()} disabled={busy || !clientId}>
            {t('previewBtn')}
          </button>
          <button type="submit" class="primary" disabled={busy || !clientId}>
            {t('publishNow')}
          </button>
        </div>
        <div class="publish-later">
          <Field label={t('publishAt')} error={errors.fields.dueAt}>
            {(p) => (
              <input
                {...p}
                name="publishAt"
                type="datetime-local"
                value={v.publishAt}
                onInput={set('publishAt')}
              />
            )}
          </Field>
          <button
            type="button"
            onClick={() => void publish(v.publishAt)}
            disabled={busy || !v.publishAt}
          >
            {t('schedulePublish')}
          </button>
        </div>
        {busy && <p role="status">{t('saving')}</p>}
      </form>
      {previewHtml !== undefined && (
        <section class="card" aria-labelledby="pv">
          <h2 id="pv">{t('previewTitle')}</h2>
          {/* sandbox without allow-scripts: the preview can run nothing and reach nothing. */}
          <iframe class="preview" title={t('previewTitle')} sandbox="" srcDoc={previewHtml} />
          {previewUrl && (
            <p>
              <a href={previewUrl} target="_blank" rel="noopener noreferrer">
                {t('previewOpen')}
              </a>
            </p>
          )}
        </section>
      )}
      {task && <Progress api={api} taskId={task.id} sites={sites.data?.items ?? []} />}
    </>
  );
}

import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Api } from '../api/client.js';
import type { Region, RegionPreviewPage, RegionUpdate } from '../api/region-types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { go } from '../parts/route.js';
import { isCause } from '../parts/publish-cause.js';
import { RegionTextField } from '../parts/region-text-field.js';
import {
  isRegionProblem,
  problemWords,
  regionPlace,
  sameRegionElsewhere,
  sameText,
  type RegionProblemWords,
} from '../parts/region-words.js';
import { RegionProblem } from './region-row.js';

/**
 * The page's HTML made fit for a frame inside the app: a srcdoc frame keeps the app's own
 * Content-Security-Policy, which loads no other site's images and no inline styles, so those
 * are taken out here (an image shows as its description) instead of being refused by the
 * browser. The server's sanitized HTML is parsed inertly (DOMParser runs and loads nothing).
 */
function framedHtml(html: string, imageWords: (alt: string) => string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll('style, link, script')) el.remove();
  for (const el of doc.querySelectorAll('[style]')) el.removeAttribute('style');
  for (const img of doc.querySelectorAll('img')) {
    const note = doc.createElement('p');
    note.textContent = imageWords(img.getAttribute('alt') ?? '');
    img.replaceWith(note);
  }
  return doc.body.innerHTML;
}

/**
 * One page as it will look with the new text: its HTML in a frame that runs nothing and
 * reaches nothing of the app (an empty sandbox: no scripts, no same origin).
 */
function PagePreview({ page }: { page: RegionPreviewPage }): JSX.Element {
  const { t } = useI18n();
  const title = t('regions.previewOf', { page: page.pageTitle, site: page.siteName });
  return (
    <>
      <h3>{title}</h3>
      <iframe
        class="preview"
        title={title}
        sandbox=""
        srcdoc={framedHtml(page.html, (alt) => t('regions.previewImage', { alt }))}
      />
    </>
  );
}

/**
 * Update a region (issue 23): its current text prefilled, the same part on the client's other
 * sites to fill from the same text, a preview of the page(s), and Publish, which hands over to
 * the publishing task's page (it shows each site's progress).
 */
export function RegionUpdateScreen({ api, id }: { api: Api; id: string }): JSX.Element {
  const { t, dateTime } = useI18n();
  // Read from the site now (the server falls back to the remembered text with a problem).
  const region = useData<Region>(api, `/api/v1/regions/${id}`);
  const r = region.data;
  const client = useData<{ regions: Region[] }>(
    api,
    r ? `/api/v1/clients/${r.clientId}/regions` : undefined,
  );
  const [text, setText] = useState<string | undefined>();
  const [also, setAlso] = useState<string[]>([]);
  const [pages, setPages] = useState<RegionPreviewPage[] | undefined>();
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [problem, setProblem] = useState<RegionProblemWords | undefined>();
  const [same, setSame] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (r && text === undefined) setText(r.content);
  }, [r]);
  if (region.error) return <ErrorBox message={formErrors(region.error, t).general} />;
  if (!r || text === undefined) return <p aria-live="polite">{t('loading')}</p>;
  const others = sameRegionElsewhere(client.data?.regions ?? [], r);
  const chosen = [r.id, ...also.filter((x) => others.some((o) => o.id === x))];
  const notReady = r.status === 'ok' ? undefined : problemWords(r.problem, r, t);
  const fail = (err: unknown): void => {
    if (err instanceof ApiError && isRegionProblem(err.code)) {
      // The region the answer is about: named in its details, else in its sentence.
      const named = err.details.find((d) => d.path === 'regionId')?.message;
      const which =
        (client.data?.regions ?? []).find(
          (x) => x.id === named || err.message.includes(`"${x.name}"`),
        ) ?? r;
      setProblem(problemWords({ code: err.code }, which, t));
      return;
    }
    setErrors(formErrors(err, t, ['content', 'regionIds']));
  };
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setErrors({ fields: {} });
    setProblem(undefined);
    setSame(false);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const preview = (): Promise<void> =>
    run(async () => {
      const answer = await api.send<{ pages: RegionPreviewPage[] }>(
        'POST',
        '/api/v1/regions/preview',
        { regionIds: chosen, content: text },
      );
      setPages(answer.pages);
    });
  const publish = (): Promise<void> =>
    run(async () => {
      if (!text.trim()) {
        setErrors({ fields: { content: t('regions.textEmpty') } });
        return;
      }
      // The same text on every chosen part: nothing to send (the server would change nothing).
      const all = [r, ...others.filter((o) => chosen.includes(o.id))];
      if (all.every((x) => sameText(x.content, text))) {
        setSame(true);
        return;
      }
      const answer = await api.send<RegionUpdate>('POST', '/api/v1/regions/update', {
        regionIds: chosen,
        content: text,
      });
      if (chosen.every((x) => answer.unchanged.includes(x))) setSame(true);
      else go(`tasks/${answer.taskId}`);
    });
  return (
    <>
      <p>
        <a href="#/clients">← {t('regions.backToClients')}</a>
      </p>
      <h1>{t('regions.updateTitle', { label: r.label })}</h1>
      <p class="meta">{regionPlace(r, t)}</p>
      {r.problem && r.status === 'ok' && (
        // The site could not be read now (busy, password refused…): why, in her words.
        <p class="help">
          {t('regions.readFailed', { when: dateTime(r.checkedAt) })}{' '}
          {isCause(r.problem.code) ? t(`cause.${r.problem.code}`) : ''}
        </p>
      )}
      {notReady && (
        <>
          <p>
            <strong>{t('regions.notReady')}</strong>
          </p>
          <RegionProblem words={notReady} />
        </>
      )}
      <form
        class="card region-update"
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
      >
        <ErrorBox message={errors.general} />
        {problem && <RegionProblem words={problem} />}
        <RegionTextField
          label={t('regions.text')}
          value={text}
          error={errors.fields.content}
          onChange={(value) => {
            setText(value);
            setSame(false);
          }}
        />
        {others.length > 0 && (
          <fieldset>
            <legend>{t('regions.alsoOn')}</legend>
            <p class="help">{t('regions.alsoOnHelp')}</p>
            <label class="check">
              <input type="checkbox" checked disabled />
              <span>{t('regions.thisOne', { place: regionPlace(r, t) })}</span>
            </label>
            {others.map((o) => (
              <label key={o.id} class="check">
                <input
                  type="checkbox"
                  checked={also.includes(o.id)}
                  onChange={(e) =>
                    setAlso((prev) =>
                      (e.currentTarget as HTMLInputElement).checked
                        ? [...prev, o.id]
                        : prev.filter((x) => x !== o.id),
                    )
                  }
                />
                <span>{regionPlace(o, t)}</span>
              </label>
            ))}
          </fieldset>
        )}
        {errors.fields.regionIds && (
          <p class="error" role="alert">
            {errors.fields.regionIds}
          </p>
        )}
        <div class="buttons">
          <button type="button" onClick={() => void preview()} disabled={busy}>
            {t('regions.preview')}
          </button>
          <button type="submit" class="primary" disabled={busy || notReady !== undefined}>
            {busy ? t('regions.publishing') : t('regions.publish')}
          </button>
        </div>
        {same && (
          <p role="status" class="ok-box">
            {t('regions.sameText')}
          </p>
        )}
      </form>
      {pages && (
        <section class="card" aria-labelledby="region-preview">
          <h2 id="region-preview">{t('regions.previewTitle')}</h2>
          {pages.map((p) => (
            <PagePreview key={p.regionId} page={p} />
          ))}
        </section>
      )}
      {r.lastTaskId && (
        <p>
          <a href={`#/tasks/${r.lastTaskId}`}>{t('regions.lastUpdate')}</a>
        </p>
      )}
    </>
  );
}

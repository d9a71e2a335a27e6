import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';

/**
 * The server's styled preview page in a frame. The sandbox has no allow-scripts (the page could
 * run nothing even if its own CSP let it); allow-same-origin only so its images, which the app
 * serves to signed-in users, load with the session cookie.
 */
export function PreviewFrame({ url }: { url: string }): JSX.Element {
  const { t } = useI18n();
  return (
    <>
      <iframe class="preview" title={t('previewTitle')} sandbox="allow-same-origin" src={url} />
      <p>
        <a href={url} target="_blank" rel="noopener noreferrer">
          {t('previewOpen')}
        </a>
      </p>
    </>
  );
}

/** A publish task's preview, made on demand (each preview link is valid 14 days). */
export function TaskPreview({ api, task }: { api: Api; task: Task }): JSX.Element | null {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const contentItemId = task.details.contentItemId;
  if (typeof contentItemId !== 'string') return null;
  const show = async (): Promise<void> => {
    setError(undefined);
    try {
      const p = await api.send<{ url: string }>(
        'POST',
        `/api/v1/content-items/${contentItemId}/previews`,
        { taskId: task.id },
      );
      setUrl(p.url);
    } catch (err) {
      setError(formErrors(err, t).general);
    }
  };
  return (
    <section class="card" aria-labelledby="d-preview">
      <h2 id="d-preview">{t('previewTitle')}</h2>
      <ErrorBox message={error} />
      {url ? (
        <PreviewFrame url={url} />
      ) : (
        <button type="button" onClick={() => void show()}>
          {t('previewBtn')}
        </button>
      )}
    </section>
  );
}

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { PreviewLink, Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';

/**
 * The server's styled preview page in a frame. The sandbox has no allow-scripts (the page could
 * run nothing even if its own CSP let it); allow-same-origin only so its images, which the app
 * serves to signed-in users, load with the session cookie.
 */
export function PreviewFrame({
  url,
  forClient = false,
}: {
  url: string;
  /** On the client's own page the link is not something to pass on. */
  forClient?: boolean;
}): JSX.Element {
  const { t, lang } = useI18n();
  // The page's own words (banner, "On <site>") in the viewer's language.
  const src = `${url}?lang=${lang}`;
  return (
    <>
      <iframe class="preview" title={t('previewTitle')} sandbox="allow-same-origin" src={src} />
      <p>
        <a href={src} target="_blank" rel="noopener noreferrer">
          {forClient ? t('previewOpenHere') : t('previewOpen')}
        </a>
      </p>
    </>
  );
}

/** A preview made on demand (each preview link is valid 14 days) and shown in the frame. */
export function PreviewOnDemand({
  make,
  forClient = false,
}: {
  make: () => Promise<string>;
  forClient?: boolean;
}): JSX.Element {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const show = async (): Promise<void> => {
    setError(undefined);
    try {
      setUrl(await make());
    } catch (err) {
      setError(formErrors(err, t).general);
    }
  };
  return (
    <>
      <ErrorBox message={error} />
      {url ? (
        <PreviewFrame url={url} forClient={forClient} />
      ) : (
        <button type="button" onClick={() => void show()}>
          {t('previewBtn')}
        </button>
      )}
    </>
  );
}

/** A publish task's preview, for the secretary (it names the task's target sites). */
export function TaskPreview({ api, task }: { api: Api; task: Task }): JSX.Element | null {
  const { t } = useI18n();
  const contentItemId = task.details.contentItemId;
  if (typeof contentItemId !== 'string') return null;
  return (
    <section class="card" aria-labelledby="d-preview">
      <h2 id="d-preview">{t('previewTitle')}</h2>
      <PreviewOnDemand
        make={async () =>
          (
            await api.send<PreviewLink>('POST', `/api/v1/content-items/${contentItemId}/previews`, {
              taskId: task.id,
            })
          ).url
        }
      />
    </section>
  );
}

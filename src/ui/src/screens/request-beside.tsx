import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import type { Task } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { altFromName, type EditorImage } from '../parts/image-drop.js';
import { filesOf, RequestFiles } from '../parts/request-files.js';

/** What `POST /api/v1/tasks/:id/attachments/:n/upload` answers. */
type UploadAnswer = Answer<'/api/v1/tasks/{id}/attachments/{n}/upload', 'post'>;

/**
 * The client's request beside the text written for it: her words and her images, each of
 * which goes into the text in one action (copied into an upload the text can name).
 */
export function RequestBeside({
  api,
  request,
  onImage,
}: {
  api: Api;
  request: Task;
  onImage: (image: EditorImage) => void;
}): JSX.Element {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const files = filesOf(request.details);
  const putIn = async (n: number): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const up = await api.send<UploadAnswer>(
        'POST',
        `/api/v1/tasks/${request.id}/attachments/${n}/upload`,
      );
      onImage({
        uploadId: up.id,
        filename: up.filename,
        url: up.url,
        alt: altFromName(files[n]?.filename ?? up.filename),
      });
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card request-beside" aria-labelledby="rb-title">
      <h2 id="rb-title">{t('theRequest')}</h2>
      <p class="pre">{String(request.details.request ?? '')}</p>
      <ErrorBox message={error} />
      <RequestFiles
        files={files}
        action={{ label: t('putIntoText'), run: (n) => void putIn(n), busy }}
      />
      <p>
        <a href={'#/tasks/' + request.id}>{t('openRequest')}</a>
      </p>
    </section>
  );
}

import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { useWords } from './words.js';

/**
 * The real PDF from the server, shown in the page and to be opened on its own. It is fetched
 * with the page's sign-in (the client's link is a header, which a frame's address cannot carry)
 * and shown from a blob: URL; `version` fetches it again after a change.
 */
export function PdfView({
  api,
  path,
  version,
  fileName,
}: {
  api: Api;
  path: string;
  version: string | number;
  fileName: string;
}): JSX.Element {
  const { t } = useI18n();
  const w = useWords();
  const [url, setUrl] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    let made: string | undefined;
    setError(undefined);
    api
      .blob(path)
      .then((pdf) => {
        made = URL.createObjectURL(new Blob([pdf], { type: 'application/pdf' }));
        if (live) setUrl(made);
        else URL.revokeObjectURL(made);
      })
      .catch((err: unknown) => live && setError(formErrors(err, t).general));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, path, version]);
  return (
    <div class="letter-pdf">
      <ErrorBox message={error} />
      {!url && !error && <p class="muted">{w('pdfMaking')}</p>}
      {url && (
        <>
          <p class="buttons">
            <a class="button" href={url} target="_blank" rel="noopener">
              {w('pdfOpen')}
            </a>
            <a class="button" href={url} download={fileName}>
              {w('pdfDownload')}
            </a>
          </p>
          <iframe class="pdf-frame" src={url} title={w('pdfTitle')} />
        </>
      )}
    </div>
  );
}

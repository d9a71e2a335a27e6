import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, createApi } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import { languages, useI18n, type Lang } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { ErrorBox } from '../parts/field.js';
import { LangSwitch } from '../parts/lang-switch.js';

/** What the link is about, and whether the address is unsubscribed. */
type UnsubscribeInfo = Answer<'/api/v1/unsubscribe/{token}', 'post'>;

/**
 * The page a mailing's unsubscribe link opens (`#/u/<token>`, issue 24), for the recipient, who
 * has no account: in the mailing's language, it asks before unsubscribing (mail scanners open
 * links; only the button, or a mail program's one-click POST, unsubscribes).
 */
export function UnsubscribePage({ token }: { token: string }): JSX.Element {
  const { t, setLang } = useI18n();
  const api = useMemo(() => createApi({ kind: 'session', csrf: () => undefined }), []);
  const [info, setInfo] = useState<UnsubscribeInfo | undefined>();
  const [invalid, setInvalid] = useState(false);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const path = `/api/v1/unsubscribe/${encodeURIComponent(token)}`;
  useEffect(() => {
    api
      .get<UnsubscribeInfo>(path)
      .then((answer) => {
        setInfo(answer);
        const lang = answer.language.slice(0, 2) as Lang;
        if (lang in languages) setLang(lang);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setInvalid(true);
        else setError(formErrors(err, t).general);
      });
    // The language is set once from the mailing; the reader may switch it afterwards.
  }, [path]);
  const unsubscribe = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      setInfo(await api.send<UnsubscribeInfo>('POST', path));
      setDone(true);
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  const words = info ? { sender: info.sender, email: info.email } : { sender: '', email: '' };
  return (
    <main id="main" class="narrow unsubscribe-page">
      <div class="corner">
        <LangSwitch />
      </div>
      <h1>{t('unsubTitle')}</h1>
      {invalid && (
        <p class="error-box" role="alert">
          {t('unsubInvalid')}
        </p>
      )}
      {!info && !invalid && !error && <p>{t('loading')}</p>}
      {info && done && (
        <p class="ok" role="status">
          {t('unsubDone', words)}
        </p>
      )}
      {info && !done && info.unsubscribed && <p role="status">{t('unsubAlready', words)}</p>}
      {info && !done && !info.unsubscribed && (
        <>
          <p>{t('unsubQuestion', words)}</p>
          <button type="button" class="primary" disabled={busy} onClick={() => void unsubscribe()}>
            {t('unsubButton')}
          </button>
        </>
      )}
      <ErrorBox message={error} />
    </main>
  );
}

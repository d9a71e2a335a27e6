import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Site, SiteCheck } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from '../parts/field.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { formErrors } from '../parts/errors.js';
import { causesCs } from '../i18n/causes-cs.js';
import { CheckDetails, newSecretLabel, SECRET_CAUSES, SecretForm } from './site-secret.js';

/** A site: its kind, whether a secret is set, replace the secret, Test connection. */
export function SiteRow({
  api,
  site,
  onChanged,
}: {
  api: Api;
  site: Site;
  onChanged: () => void;
}): JSX.Element {
  const { t, lang } = useI18n();
  const [check, setCheck] = useState<SiteCheck | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [secretSaved, setSecretSaved] = useState(false);
  const test = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setCheck(undefined);
    setSecretSaved(false);
    try {
      setCheck(await api.send<SiteCheck>('POST', `/api/v1/sites/${site.id}/check`));
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  const secretSet = (): void => {
    setCheck(undefined);
    setSecretSaved(true);
    onChanged();
  };
  const secretWrong = check?.cause !== undefined && SECRET_CAUSES.has(check.cause.code);
  return (
    <li class="site">
      <div class="site-head">
        <strong>{site.name}</strong> <span class="kind">{t(`siteKind.${site.kind}`)}</span>{' '}
        <a href={site.url} target="_blank" rel="noopener noreferrer">
          {site.url}
        </a>{' '}
        <span class={site.hasSecret ? 'badge badge-approved' : 'badge badge-waiting_client'}>
          {site.hasSecret ? t('secretSet') : t('secretMissing')}
        </span>
      </div>
      <div class="buttons">
        <button type="button" onClick={() => void test()} disabled={busy}>
          {busy ? t('testing') : t('testConnection')}
        </button>
        <ConfirmButton
          label={t('removeSite')}
          question={t('confirmRemoveSite', { name: site.name })}
          inUse={t('siteInUse')}
          onConfirm={async () => {
            await api.send('DELETE', `/api/v1/sites/${site.id}`);
            onChanged();
          }}
        />
      </div>
      <ErrorBox message={error} />
      {check && (
        <div class={check.ok ? 'check-result ok-box' : 'check-result error-box'} role="status">
          <p>
            <strong>{check.ok ? t('checkOk') : t('checkFailed')}</strong>
          </p>
          {lang === 'cs' && check.cause && causesCs[check.cause.code] && (
            <p>{causesCs[check.cause.code]}</p>
          )}
          {lang === 'cs' && check.cause && causesCs[check.cause.code] ? (
            <details>
              <summary>{t('checkDetailsEnglish')}</summary>
              <CheckDetails check={check} />
            </details>
          ) : (
            <CheckDetails check={check} />
          )}
          {secretWrong && (
            <>
              <p>
                <strong>{t('secretRefused')}</strong>
              </p>
              <SecretForm
                api={api}
                site={site}
                label={t(newSecretLabel[site.kind])}
                focus
                onSaved={secretSet}
              />
            </>
          )}
        </div>
      )}
      {secretSaved && (
        <p role="status" class="ok">
          {t('secretSaved')}
        </p>
      )}
      {!secretWrong && (
        <details class="replace-secret">
          <summary>{t('replaceSecret')}</summary>
          <SecretForm
            api={api}
            site={site}
            label={t(newSecretLabel[site.kind])}
            onSaved={secretSet}
          />
        </details>
      )}
    </li>
  );
}

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Site, SiteCheck } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';

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
  const { t } = useI18n();
  const [check, setCheck] = useState<SiteCheck | undefined>();
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | undefined>();
  const test = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setCheck(undefined);
    try {
      setCheck(await api.send<SiteCheck>('POST', `/api/v1/sites/${site.id}/check`));
    } catch (err) {
      setError(formErrors(err, t).general);
    } finally {
      setBusy(false);
    }
  };
  const saveSecret = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.send('PUT', `/api/v1/sites/${site.id}/secret`, { secret });
      setSecret('');
      onChanged();
    } catch (err) {
      setError(formErrors(err, t, ['secret']).general);
    }
  };
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
      </div>
      <ErrorBox message={error} />
      {check && (
        <div class={check.ok ? 'check-result ok-box' : 'check-result error-box'} role="status">
          <p>
            <strong>{check.ok ? t('checkOk') : t('checkFailed')}</strong>
          </p>
          <ul>
            {check.checks.map((c) => (
              <li key={c.name}>
                {c.ok ? '✓' : '✗'} {c.name}: {c.message}
              </li>
            ))}
          </ul>
          {check.cause && (
            <p>
              {check.cause.message}
              {check.cause.fix ? ' ' + t('howToFix', { fix: check.cause.fix }) : ''}
            </p>
          )}
        </div>
      )}
      <form class="inline" onSubmit={saveSecret}>
        <Field label={t('replaceSecret')} help={t('secretWriteOnly')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={secret}
              onInput={(e) => setSecret(valueOf(e))}
            />
          )}
        </Field>
        <button type="submit" disabled={!secret}>
          {t('save')}
        </button>
      </form>
    </li>
  );
}

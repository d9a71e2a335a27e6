import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { SiteCheck } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from '../parts/field.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { formErrors } from '../parts/errors.js';
import { SiteForm } from './site-form.js';
import { CheckDetails, newSecretLabel, SECRET_CAUSES, SecretForm } from './site-secret.js';
import { causeWords, type SiteCheckState, type SiteView } from './site-view.js';

/** Whether the site accepted its secret at the last check, or what keeps it from working. */
function CheckBadge({ site }: { site: SiteView }): JSX.Element {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const check = site.check;
  if (!check)
    return <span class="badge badge-waiting_client site-badge">{t('siteNotChecked')}</span>;
  const when = t('siteCheckedAt', { when: dateTime(check.at) });
  if (check.ok)
    return (
      <span class="badge badge-approved site-badge" title={when}>
        {t(`siteAccepted.${site.kind}`)}
      </span>
    );
  return (
    <span class="badge badge-failed site-badge" title={when}>
      {t('siteNotWorking')}
    </span>
  );
}

/** Why the last check failed, in her words; the site's own words and the fix folded below. */
function FailedCause({ cause }: { cause: SiteCheckState['cause'] }): JSX.Element {
  const i18n = useI18n();
  const words = causeWords(cause, i18n);
  const more = [
    cause && cause.message !== words ? cause.message : '',
    cause?.fix ? i18n.t('howToFix', { fix: cause.fix }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class="site-cause error-box" role="status">
      <p>{words}</p>
      {more && (
        <details>
          <summary>{i18n.t('siteCauseDetails')}</summary>
          <p>{more}</p>
        </details>
      )}
    </div>
  );
}

/** A site: its last check, Change (in place), Test connection, the secret, Remove. */
export function SiteRow({
  api,
  site,
  onChanged,
}: {
  api: Api;
  site: SiteView;
  onChanged: () => void;
}): JSX.Element {
  const i18n = useI18n();
  const { t } = i18n;
  const [check, setCheck] = useState<SiteCheck | undefined>();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [secretSaved, setSecretSaved] = useState(false);
  const test = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setCheck(undefined);
    setSecretSaved(false);
    try {
      setCheck(await api.send<SiteCheck>('POST', `/api/v1/sites/${site.id}/check`));
      onChanged();
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
  const failed = site.check?.ok === false ? site.check : undefined;
  const secretWrong =
    (check?.cause !== undefined && SECRET_CAUSES.has(check.cause.code)) ||
    (check === undefined && failed?.cause !== undefined && SECRET_CAUSES.has(failed.cause.code));
  const generator = site.kind === 'git' ? site.settings['generator'] : undefined;
  return (
    <li class={failed ? 'site site-not-working' : 'site'} data-site={site.name}>
      <div class="site-head">
        <strong>{site.name}</strong> <span class="kind">{t(`siteKind.${site.kind}`)}</span>{' '}
        <a href={site.url} target="_blank" rel="noopener noreferrer">
          {site.url}
        </a>{' '}
        <CheckBadge site={site} />
      </div>
      {typeof generator === 'string' && (
        <p class="meta">
          {t('siteGeneratorFound', {
            generator: generator.charAt(0).toUpperCase() + generator.slice(1),
          })}
        </p>
      )}
      {failed && !check && <FailedCause cause={failed.cause} />}
      <div class="buttons">
        <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {t('changeSite')}
        </button>
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
      {editing && (
        <SiteForm
          api={api}
          clientId={site.clientId}
          site={site}
          onSaved={() => {
            setEditing(false);
            setCheck(undefined);
            onChanged();
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <ErrorBox message={error} />
      {check && (
        <div class={check.ok ? 'check-result ok-box' : 'check-result error-box'} role="status">
          <p>
            <strong>{check.ok ? t('checkOk') : t('checkFailed')}</strong>
          </p>
          {check.cause && <p>{causeWords(check.cause, i18n)}</p>}
          <details>
            <summary>{t('siteCauseDetails')}</summary>
            <CheckDetails check={check} />
          </details>
        </div>
      )}
      {secretWrong && (
        <div class="secret-again">
          <p>
            <strong>{t('secretRefused')}</strong>
          </p>
          <SecretForm
            api={api}
            site={site}
            label={t(newSecretLabel[site.kind])}
            focus={check !== undefined}
            onSaved={secretSet}
          />
        </div>
      )}
      {secretSaved && (
        <p role="status" class="ok">
          {t('secretSavedChecked')}
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

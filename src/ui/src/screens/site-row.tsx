import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Site, SiteCheck } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { ConfirmButton } from '../parts/confirm-button.js';
import { formErrors } from '../parts/errors.js';
import type { MessageKey } from '../i18n/en.js';

/** verify() causes that a new password, key or token fixes (codes of the connectors' verify). */
const SECRET_CAUSES = new Set([
  'secret_missing',
  'wrong_password',
  'credentials_rejected',
  'key_missing',
  'key_malformed',
  'key_revoked',
  'key_wrong_secret',
  'key_rejected',
  'key_read_only',
  'git_auth_failed',
]);

const newSecretLabel: Record<Site['kind'], MessageKey> = {
  wordpress: 'newWpSecret',
  ghost: 'newGhostSecret',
  git: 'newGitSecret',
};

/** The write-only field for a new secret; it never shows what is stored. */
function SecretForm(props: {
  api: Api;
  site: Site;
  label: string;
  focus?: boolean;
  onSaved: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.focus) input.current?.focus();
  }, [props.focus]);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      await props.api.send('PUT', `/api/v1/sites/${props.site.id}/secret`, { secret });
      setSecret('');
      props.onSaved();
    } catch (err) {
      const fe = formErrors(err, t, ['secret']);
      setError(fe.fields.secret ?? fe.general);
    }
  };
  return (
    <form class="inline" onSubmit={save}>
      <Field label={props.label} help={t('secretWriteOnly')} error={error}>
        {(p) => (
          <input
            {...p}
            ref={input}
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
  );
}

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
          <ul>
            {check.checks.map((c) => (
              <li key={c.name}>
                {c.ok ? '✓' : '✗'} {c.name}: {c.message}
              </li>
            ))}
          </ul>
          {check.cause && (
            <p>
              {/* The failed check usually says the same words: they are not repeated. */}
              {check.checks.some((c) => c.message === check.cause?.message)
                ? ''
                : check.cause.message}
              {check.cause.fix ? ' ' + t('howToFix', { fix: check.cause.fix }) : ''}
            </p>
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

import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Site, SiteCheck } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { Field, valueOf } from '../parts/field.js';
import { formErrors } from '../parts/errors.js';

/** verify() causes that a new password, key or token fixes (codes of the connectors' verify). */
export const SECRET_CAUSES = new Set([
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

/** The label of the field for a new secret, by site kind. */
export const newSecretLabel: Record<Site['kind'], MessageKey> = {
  wordpress: 'newWpSecret',
  ghost: 'newGhostSecret',
  git: 'newGitSecret',
};

/** The write-only field for a new secret; it never shows what is stored. */
export function SecretForm(props: {
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

/** verify()'s checks and cause as the server words them (English, with the site's details). */
export function CheckDetails({ check }: { check: SiteCheck }): JSX.Element {
  const { t } = useI18n();
  return (
    <>
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
          {check.checks.some((c) => c.message === check.cause?.message) ? '' : check.cause.message}
          {check.cause.fix ? ' ' + t('howToFix', { fix: check.cause.fix }) : ''}
        </p>
      )}
    </>
  );
}

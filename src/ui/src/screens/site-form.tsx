import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { siteKinds, type Site, type SiteKind } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';

// The settings each kind asks for (never a secret: that goes to the secret field).
const kindFields: Record<SiteKind, { key: string; label: MessageKey; required?: boolean }[]> = {
  wordpress: [{ key: 'username', label: 'wpUser', required: true }],
  ghost: [],
  git: [
    { key: 'repoUrl', label: 'gitRepo', required: true },
    { key: 'branch', label: 'gitBranch' },
  ],
};
const secretLabel: Record<SiteKind, MessageKey> = {
  wordpress: 'wpSecret',
  ghost: 'ghostSecret',
  git: 'gitSecret',
};

/** Adds a site with the form that fits its kind; the secret field is write-only. */
export function SiteForm(props: {
  api: Api;
  clientId: string;
  onAdded: (site: Site) => void;
}): JSX.Element {
  const { t } = useI18n();
  const [kind, setKind] = useState<SiteKind>('wordpress');
  const [v, setV] = useState<Record<string, string>>({ name: '', url: '', secret: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const settings = Object.fromEntries(
      kindFields[kind].filter((f) => v[f.key]).map((f) => [f.key, v[f.key]]),
    );
    try {
      const site = await props.api.send<Site>('POST', '/api/v1/sites', {
        clientId: props.clientId,
        kind,
        name: v.name,
        url: v.url,
        settings,
        ...(v.secret ? { secret: v.secret } : {}),
      });
      setV({ name: '', url: '', secret: '' });
      setErrors({ fields: {} });
      props.onAdded(site);
    } catch (err) {
      const fe = formErrors(err, t, ['name', 'url', 'secret', 'settings']);
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="subcard" onSubmit={submit} aria-label={t('addSite')}>
      <ErrorBox message={errors.general} />
      <Field label={t('siteKind')}>
        {(p) => (
          <select {...p} name="kind" value={kind} onChange={(e) => setKind(valueOf(e) as SiteKind)}>
            {siteKinds.map((k) => (
              <option key={k} value={k}>
                {t(`siteKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('siteName')} error={errors.fields.name}>
        {(p) => <input {...p} name="name" required value={v.name} onInput={set('name')} />}
      </Field>
      <Field label={t('siteUrl')} error={errors.fields.url}>
        {(p) => (
          <input
            {...p}
            name="url"
            type="url"
            required
            placeholder="https://"
            value={v.url}
            onInput={set('url')}
          />
        )}
      </Field>
      {kindFields[kind].map((f) => (
        <Field key={f.key} label={t(f.label)} error={errors.fields.settings}>
          {(p) => (
            <input
              {...p}
              name={f.key}
              required={f.required}
              value={v[f.key] ?? ''}
              onInput={set(f.key)}
            />
          )}
        </Field>
      ))}
      <Field label={t(secretLabel[kind])} error={errors.fields.secret} help={t('secretWriteOnly')}>
        {(p) => (
          <input
            {...p}
            name="secret"
            type="password"
            autoComplete="new-password"
            value={v.secret}
            onInput={set('secret')}
          />
        )}
      </Field>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('saving') : t('addSite')}
      </button>
    </form>
  );
}

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import { siteKinds, type SiteKind } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import type { SiteView } from './site-view.js';

/** One setting the form asks for: its key in settings (dotted: nested), label and help. */
interface SettingField {
  key: string;
  label: MessageKey;
  help?: MessageKey;
  required?: boolean;
  type?: 'url' | 'email' | 'generator';
}

// The settings each kind asks for by name (never a secret: that goes to the secret field);
// every other setting of the kind's schema is under "More settings" as JSON.
const kindFields: Record<SiteKind, SettingField[]> = {
  wordpress: [{ key: 'username', label: 'wpUser', help: 'wpUserHelp', required: true }],
  ghost: [{ key: 'adminUrl', label: 'ghostAdminUrl', help: 'ghostAdminUrlHelp', type: 'url' }],
  git: [
    { key: 'repoUrl', label: 'gitRepo', help: 'gitRepoHelp', required: true },
    { key: 'branch', label: 'gitBranch', help: 'gitBranchHelp' },
    { key: 'generator', label: 'gitGenerator', help: 'gitGeneratorHelp', type: 'generator' },
    { key: 'contentDirs.post', label: 'gitPostsDir', help: 'gitFoldersHelp' },
    { key: 'contentDirs.page', label: 'gitPagesDir', help: 'gitFoldersHelp' },
    { key: 'author.name', label: 'gitAuthorName', help: 'gitAuthorHelp' },
    { key: 'author.email', label: 'gitAuthorEmail', type: 'email' },
    { key: 'username', label: 'gitUsername', help: 'gitUsernameHelp' },
  ],
};
const generators = ['hugo', 'jekyll', 'eleventy', 'astro'] as const;
const generatorNames: Record<string, string> = {
  hugo: 'Hugo',
  jekyll: 'Jekyll',
  eleventy: 'Eleventy',
  astro: 'Astro',
};
const secretLabel: Record<SiteKind, MessageKey> = {
  wordpress: 'wpSecret',
  ghost: 'ghostSecret',
  git: 'gitSecret',
};

type Settings = Record<string, unknown>;
const isObject = (v: unknown): v is Settings =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function read(settings: Settings, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((at, part) => (isObject(at) ? at[part] : undefined), settings);
}

/** `settings` without the fields the form shows by name (empty objects dropped): the "More settings". */
function rest(kind: SiteKind, settings: Settings): Settings {
  const out: Settings = structuredClone(settings);
  for (const f of kindFields[kind]) {
    const path = f.key.split('.');
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((at, p) => (isObject(at) ? at[p] : undefined), out);
    if (isObject(parent)) delete parent[path.at(-1) ?? ''];
    if (
      path.length > 1 &&
      isObject(out[path[0] ?? '']) &&
      Object.keys(out[path[0] ?? ''] as Settings).length === 0
    )
      delete out[path[0] ?? ''];
  }
  return out;
}

/** The form's values of a site (or empty ones for a new site). */
function initialValues(site: SiteView | undefined): Record<string, string> {
  const v: Record<string, string> = { name: site?.name ?? '', url: site?.url ?? '', secret: '' };
  if (!site) return { ...v, more: '' };
  for (const f of kindFields[site.kind]) {
    const value = read(site.settings, f.key);
    // The address sitedesk made up for the author is the default: shown as an empty field.
    if (
      typeof value === 'string' &&
      !(f.key === 'author.email' && value.endsWith('@sitedesk.invalid'))
    )
      v[f.key] = value;
  }
  const more = rest(site.kind, site.settings);
  return { ...v, more: Object.keys(more).length ? JSON.stringify(more, null, 2) : '' };
}

/**
 * Adds a site, or changes one in place (`site`), with every setting of its kind: the common
 * ones by name, the rest as JSON. Saving checks the site; the answer is shown on its row.
 * The secret field is write-only.
 */
export function SiteForm(props: {
  api: Api;
  clientId: string;
  site?: SiteView;
  onSaved: (site: SiteView) => void;
  onCancel?: () => void;
}): JSX.Element {
  const { t } = useI18n();
  const editing = props.site;
  const [kind, setKind] = useState<SiteKind>(editing?.kind ?? 'wordpress');
  const [v, setV] = useState<Record<string, string>>(() => initialValues(editing));
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const fieldKeys = kindFields[kind].map((f) => `settings.${f.key}`);

  const settingsOf = (): Settings | undefined => {
    let settings: Settings = {};
    if (v.more?.trim()) {
      try {
        const parsed: unknown = JSON.parse(v.more);
        if (!isObject(parsed)) throw new Error('{ … }');
        settings = parsed;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        setErrors({ fields: { more: t('moreSettingsInvalid', { message }) } });
        return undefined;
      }
    }
    for (const f of kindFields[kind]) {
      const value = v[f.key]?.trim();
      if (!value) continue;
      const path = f.key.split('.');
      let target = settings;
      for (const part of path.slice(0, -1)) {
        if (!isObject(target[part])) target[part] = {};
        target = target[part] as Settings;
      }
      target[path.at(-1) ?? ''] = value;
    }
    return settings;
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const settings = settingsOf();
    if (!settings) return;
    setBusy(true);
    try {
      const site = editing
        ? await props.api.send<SiteView>('PATCH', `/api/v1/sites/${editing.id}`, {
            name: v.name,
            url: v.url,
            settings,
          })
        : await props.api.send<SiteView>('POST', '/api/v1/sites', {
            clientId: props.clientId,
            kind,
            name: v.name,
            url: v.url,
            settings,
            ...(v.secret ? { secret: v.secret } : {}),
          });
      if (!editing) setV(initialValues(undefined));
      setErrors({ fields: {} });
      props.onSaved(site);
    } catch (err) {
      setErrors(formErrors(err, t, ['name', 'url', 'secret', ...fieldKeys]));
    } finally {
      setBusy(false);
    }
  };

  const git = kind === 'git';
  return (
    <form
      class="subcard site-form"
      onSubmit={submit}
      aria-label={editing ? t('changeSiteTitle', { name: editing.name }) : t('addSite')}
    >
      <ErrorBox message={errors.general} />
      {!editing && (
        <Field label={t('siteKind')}>
          {(p) => (
            <select
              {...p}
              name="kind"
              value={kind}
              onChange={(e) => setKind(valueOf(e) as SiteKind)}
            >
              {siteKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`siteKind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('siteName')} error={errors.fields.name}>
        {(p) => <input {...p} name="name" required value={v.name} onInput={set('name')} />}
      </Field>
      <Field
        label={t(git ? 'siteAddressGit' : 'siteAddress')}
        help={t(git ? 'siteAddressGitHelp' : 'siteAddressHelp')}
        error={errors.fields.url}
      >
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
        <Field
          key={f.key}
          label={t(f.label)}
          help={f.help ? t(f.help) : undefined}
          error={errors.fields[`settings.${f.key}`]}
        >
          {(p) =>
            f.type === 'generator' ? (
              <select {...p} name={f.key} value={v[f.key] ?? ''} onChange={set(f.key)}>
                <option value="">{t('gitGeneratorDetect')}</option>
                {generators.map((g) => (
                  <option key={g} value={g}>
                    {generatorNames[g]}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...p}
                name={f.key}
                type={f.type ?? 'text'}
                required={f.required}
                value={v[f.key] ?? ''}
                onInput={set(f.key)}
              />
            )
          }
        </Field>
      ))}
      {!editing && (
        <Field
          label={t(secretLabel[kind])}
          error={errors.fields.secret}
          help={t('secretWriteOnly')}
        >
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
      )}
      <details class="more-settings" open={Boolean(errors.fields.more)}>
        <summary>{t('moreSettings')}</summary>
        <Field label={t('moreSettings')} help={t('moreSettingsHelp')} error={errors.fields.more}>
          {(p) => (
            <textarea
              {...p}
              name="more"
              rows={4}
              spellcheck={false}
              value={v.more ?? ''}
              onInput={set('more')}
            />
          )}
        </Field>
      </details>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('checkingSite') : editing ? t('saveAndCheck') : t('addAndCheck')}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel} disabled={busy}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

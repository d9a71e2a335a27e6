import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Api } from '../api/client.js';
import type { Client, Page } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useData } from '../parts/data.js';
import { ErrorBox, Field, valueOf } from '../parts/field.js';
import { formErrors, type FormErrors } from '../parts/errors.js';
import { SecretStoreNote } from '../parts/secret-store-note.js';
import { ArchivedClients } from './archived-clients.js';
import { ClientLinks } from './client-links.js';
import { ClientRegions } from './client-regions.js';
import { ClientSignature } from './client-signature.js';
import { ClientMailboxes } from './mailboxes.js';
import { ClientMeetings } from '../meetings/index.js';
import { SiteForm } from './site-form.js';
import { SiteRow } from './site-row.js';
import type { SiteView } from './site-view.js';

/** The time zones this browser knows (IANA names), for the time zone field's suggestions. */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Prague', 'Europe/Bratislava', 'Europe/Vienna', 'Europe/Berlin', 'UTC'];
  }
}

function AddClient({ api, onAdded }: { api: Api; onAdded: () => void }): JSX.Element {
  const { t } = useI18n();
  const zones = useMemo(timeZones, []);
  const [v, setV] = useState({ name: '', timezone: 'Europe/Prague', email: '' });
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const set = (key: keyof typeof v) => (e: Event) => setV({ ...v, [key]: valueOf(e) });
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    try {
      await api.send('POST', '/api/v1/clients', {
        name: v.name,
        timezone: v.timezone,
        contact: v.email ? { email: v.email } : {},
      });
      setV({ name: '', timezone: v.timezone, email: '' });
      setErrors({ fields: {} });
      onAdded();
    } catch (err) {
      const fe = formErrors(err, t, ['name', 'timezone', 'contact']);
      setErrors(fe);
    }
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="add-client">
      <h2 id="add-client">{t('addClient')}</h2>
      <ErrorBox message={errors.general} />
      <div class="row3">
        <Field label={t('clientName')} error={errors.fields.name}>
          {(p) => <input {...p} name="clientName" required value={v.name} onInput={set('name')} />}
        </Field>
        <Field label={t('timezone')} error={errors.fields.timezone}>
          {(p) => (
            <>
              <input
                {...p}
                name="timezone"
                required
                list="timezones"
                autoComplete="off"
                value={v.timezone}
                onInput={set('timezone')}
              />
              {/* Typing "Prag" or "New_Y" offers the exact zone names the API accepts. */}
              <datalist id="timezones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('email')} error={errors.fields.contact}>
          {(p) => <input {...p} name="email" type="email" value={v.email} onInput={set('email')} />}
        </Field>
      </div>
      <button type="submit" class="primary">
        {t('addClient')}
      </button>
    </form>
  );
}

/** Clients with their sites, site forms per kind, Test connection and private links; the archived ones last. */
export function Clients({ api }: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const clients = useData<Page<Client>>(api, '/api/v1/clients');
  const sites = useData<Page<SiteView>>(api, '/api/v1/sites');
  return (
    <>
      <h1>{t('clientsTitle')}</h1>
      <SecretStoreNote api={api} />
      <AddClient api={api} onAdded={clients.reload} />
      <ErrorBox message={clients.error ? formErrors(clients.error, t).general : undefined} />
      {clients.data?.items.length === 0 && <p class="muted">{t('noClients')}</p>}
      {clients.data?.items.map((c) => (
        <section class="card" key={c.id} aria-label={c.name}>
          <h2>{c.name}</h2>
          <p class="meta">
            {c.timezone}
            {c.contact.email ? ` · ${c.contact.email}` : ''}
          </p>
          <h3>{t('sites')}</h3>
          <ul class="sites">
            {(sites.data?.items ?? [])
              .filter((s) => s.clientId === c.id)
              .map((s) => (
                <SiteRow key={s.id} api={api} site={s} onChanged={sites.reload} />
              ))}
          </ul>
          {/* Collapsed once the client has a site: the list stays short on a phone. */}
          <details
            class="add-site"
            open={!(sites.data?.items ?? []).some((s) => s.clientId === c.id)}
          >
            <summary>{t('addSite')}</summary>
            <SiteForm api={api} clientId={c.id} onSaved={sites.reload} />
          </details>
          <ClientRegions
            api={api}
            clientId={c.id}
            sites={(sites.data?.items ?? []).filter((s) => s.clientId === c.id)}
          />
          <ClientMailboxes api={api} clientId={c.id} />
          <ClientMeetings api={api} clientId={c.id} timezone={c.timezone} />
          <ClientSignature api={api} client={c} onSaved={clients.reload} />
          <p>
            <a href={`#/mailings/${c.id}`}>{t('mlgOpen')}</a>
          </p>
          <p>
            <a href={`#/letters/${c.id}`}>{t('ltrLetters')}</a>
          </p>
          <ClientLinks api={api} clientId={c.id} />
        </section>
      ))}
      <ArchivedClients api={api} />
    </>
  );
}

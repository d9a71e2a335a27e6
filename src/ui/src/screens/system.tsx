import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import { ApiError } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { useData } from '../parts/data.js';

/** How this installation is set up (GET /api/v1/system). */
type SystemFacts = Answer<'/api/v1/system', 'get'>;

const storeNames: Record<string, MessageKey> = {
  keychain: 'storeKeychain',
  file: 'storeFile',
  memory: 'storeMemory',
};

/**
 * The System page (issue 14): where passwords and keys are kept and why, and the variables
 * that choose it — for administrators. The server's own sentences (paths, reasons) are shown
 * as written: they are for whoever runs sitedesk and match `sitedesk doctor`.
 */
export function System({ api }: { api: Api }): JSX.Element {
  const { t } = useI18n();
  const facts = useData<SystemFacts>(api, '/api/v1/system');
  const refused = facts.error instanceof ApiError && facts.error.status === 403;
  const store = facts.data?.secretStore;
  const storeName = store ? storeNames[store.kind] : undefined;
  return (
    <section aria-labelledby="system-title">
      <h1 id="system-title">{t('systemTitle')}</h1>
      {refused ? (
        <p class="error-box">{t('systemOnlyAdmins')}</p>
      ) : !facts.data || !store ? (
        <p class="muted">{facts.error ? t('errorOffline') : t('loading')}</p>
      ) : (
        <>
          <p class="muted">{t('systemIntro')}</p>
          <section class="card" aria-labelledby="system-store">
            <h2 id="system-store">{t('systemSecretStore')}</h2>
            <p class="muted">{t('systemServerWords')}</p>
            <dl class="facts">
              <dt>{t('systemStoreKind')}</dt>
              <dd>
                {storeName ? t(storeName) : store.kind} (<code>{store.kind}</code>)
              </dd>
              <dt>{t('systemStoreWhere')}</dt>
              <dd>
                <code>{store.description}</code>
              </dd>
              <dt>{t('systemStoreWhy')}</dt>
              <dd lang="en">{store.reason}</dd>
              {store.warning && (
                <>
                  <dt>{t('systemStoreWarning')}</dt>
                  <dd lang="en" class="error-box">
                    {store.warning}
                  </dd>
                </>
              )}
            </dl>
            <h3>{t('systemEnv')}</h3>
            <ul class="env-list">
              {facts.data.env.map((e) => (
                <li key={e.name}>
                  <code>{e.name}</code> — {e.set ? t('systemEnvSet') : t('systemEnvUnset')}
                </li>
              ))}
            </ul>
          </section>
          <section class="card" aria-labelledby="system-version">
            <h2 id="system-version">{t('systemVersion')}</h2>
            <p>
              <code>{facts.data.version}</code>
            </p>
            <p class="muted">{t('systemDoctor')}</p>
          </section>
        </>
      )}
    </section>
  );
}

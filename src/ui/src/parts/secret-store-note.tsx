import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { useData } from './data.js';

/** What `GET /health` says about the secret store (never a secret). */
interface Health {
  secretStore?: { kind: string; warning?: string };
}

const storeWords: Record<string, MessageKey> = {
  keychain: 'storeKeychain',
  file: 'storeFile',
  memory: 'storeMemory',
};

/** One line saying where site passwords and keys are kept (issue 8: which store is in use). */
export function SecretStoreNote({ api }: { api: Api }): JSX.Element | null {
  const { t } = useI18n();
  const health = useData<Health>(api, '/health');
  const store = health.data?.secretStore;
  if (!store) return null;
  const words = storeWords[store.kind];
  return (
    <p class={store.kind === 'memory' ? 'error-box' : 'muted'}>
      {t('secretStoreInUse', { store: words ? t(words) : store.kind })}
      {store.warning ? ` ${store.warning}` : ''}
    </p>
  );
}

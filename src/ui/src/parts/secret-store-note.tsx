import type { JSX } from 'preact';
import type { Api } from '../api/client.js';
import type { Answer } from '../api/schema.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import { useData } from './data.js';

type StoreKind = Answer<'/api/v1/secret-store', 'get'>;

const storeSentences: Record<string, MessageKey> = {
  keychain: 'storeSentenceKeychain',
  file: 'storeSentenceFile',
  memory: 'storeSentenceMemory',
};

/**
 * One sentence saying where site passwords and keys are kept (issue 14). Paths, variables and
 * warnings are for whoever runs sitedesk: the admins' System page and `sitedesk doctor`.
 */
export function SecretStoreNote({ api }: { api: Api }): JSX.Element | null {
  const { t } = useI18n();
  const store = useData<StoreKind>(api, '/api/v1/secret-store');
  const kind = store.data?.kind;
  const sentence = kind ? storeSentences[kind] : undefined;
  if (!sentence) return null;
  return (
    <p class={kind === 'memory' ? 'error-box' : 'muted'} data-store={kind}>
      {t(sentence)}
    </p>
  );
}

/** The secret store: one import for the rest of sitedesk. */
export {
  SECRET_SERVICE,
  type OpenedSecretStore,
  type SecretStore,
  type SecretStoreKind,
} from './types.js';
export { siteSecretAccount, mailboxSecretAccount } from './account.js';
export { openSecretStore, type SecretStoreConfig, type SecretStoreDeps } from './open.js';
export { probeSecretStore, PROBE_ACCOUNT_PREFIX, type ProbeResult } from './probe.js';
export { createMemorySecretStore } from './memory-store.js';
export { openFileSecretStore, DATA_FILE_NAME, type FileSecretStore } from './file-store.js';
export { openKeychainSecretStore, keychainDescription } from './keychain-store.js';
export { KEY_FILE_NAME, parseMasterKey } from './file-key.js';

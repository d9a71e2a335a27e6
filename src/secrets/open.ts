import { existsSync } from 'node:fs';
import { platform } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../shared/config.js';
import { SecretStoreError, messageOf, type SecretStoreErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { SecretRegistry } from '../shared/redact.js';
import { DATA_FILE_NAME, openFileSecretStore, type FileSecretStore } from './file-store.js';
import { openKeychainSecretStore } from './keychain-store.js';
import { createMemorySecretStore } from './memory-store.js';
import { probeSecretStore } from './probe.js';
import type { OpenedSecretStore, SecretStore } from './types.js';

/** The settings openSecretStore reads. */
export type SecretStoreConfig = Pick<
  Config,
  'secretStore' | 'masterKey' | 'dataDir' | 'keychainTimeoutMs'
>;

/** What openSecretStore needs; `secrets` (the redaction registry) defaults to the process one. */
export interface SecretStoreDeps {
  logger: Logger;
  secrets?: SecretRegistry;
}

const CHOOSE =
  'Set SITEDESK_SECRET_STORE=keychain or SITEDESK_SECRET_STORE=file to choose explicitly.';

/**
 * Opens the secret store that `config.secretStore` names. `auto` (the default) uses the OS
 * keychain when it passes a write/read/delete probe within `keychainTimeoutMs`, else the
 * encrypted file, and then says so in `warning` and in a warn log line — never silently. Where
 * `<dataDir>/secrets.enc` already holds secrets, `auto` keeps using it (with the same warning).
 * `keychain` and `file` fail with a SecretStoreError instead of falling back.
 */
export async function openSecretStore(
  config: SecretStoreConfig,
  deps: SecretStoreDeps,
): Promise<OpenedSecretStore> {
  const secrets = deps.secrets === undefined ? {} : { secrets: deps.secrets };
  const opened = await choose(config, deps, secrets);
  deps.logger.info(
    { secretStore: opened.store.kind, reason: opened.reason },
    `secret store: ${opened.store.description}`,
  );
  if (opened.warning) deps.logger.warn({ secretStore: opened.store.kind }, opened.warning);
  return opened;
}

async function choose(
  config: SecretStoreConfig,
  deps: SecretStoreDeps,
  secrets: { secrets?: SecretRegistry },
): Promise<OpenedSecretStore> {
  switch (config.secretStore) {
    case 'memory':
      return {
        store: createMemorySecretStore({}, secrets),
        reason: 'SITEDESK_SECRET_STORE=memory: secrets are kept in memory only',
        warning:
          'Secrets are kept in memory only and are lost when sitedesk stops; this store is meant for tests.',
      };
    case 'file': {
      const store = await openFile(config, deps, secrets);
      return {
        store,
        reason: `SITEDESK_SECRET_STORE=file: secrets are in the ${store.description}`,
      };
    }
    case 'keychain': {
      const tried = await tryKeychain(config, secrets);
      if ('store' in tried)
        return { store: tried.store, reason: `SITEDESK_SECRET_STORE=keychain: ${tried.why}` };
      throw new SecretStoreError(
        'secret_store_unavailable',
        `SITEDESK_SECRET_STORE=keychain, but ${lowerFirst(tried.error)}. ${keychainHint()}`,
      );
    }
    case 'auto': {
      // Once the encrypted file holds secrets, `auto` stays with it: switching to a keychain that
      // appeared later (gnome-keyring installed, a desktop login) would hide every stored secret.
      // An empty file (left by a doctor probe, or emptied) does not count.
      const dataFile = join(config.dataDir, DATA_FILE_NAME);
      const existing = existsSync(dataFile) ? await openFile(config, deps, secrets) : undefined;
      const held = existing ? (await existing.list()).length : 0;
      if (existing && held > 0) {
        return {
          store: existing,
          reason: `SITEDESK_SECRET_STORE=auto: the encrypted file ${dataFile} already holds ${held} secret(s), so it stays in use (the keychain was not tried)`,
          warning: fileWarning(existing),
        };
      }
      const tried = await tryKeychain(config, secrets);
      if ('store' in tried)
        return { store: tried.store, reason: `SITEDESK_SECRET_STORE=auto: ${tried.why}` };
      let store: FileSecretStore;
      try {
        store = existing ?? (await openFile(config, deps, secrets));
      } catch (error) {
        if (!(error instanceof SecretStoreError)) throw error;
        throw new SecretStoreError(
          storeErrorCode(error.code),
          `No OS keychain answered (${tried.error}), and the encrypted secret file cannot be used either: ${error.message}`,
          { cause: error },
        );
      }
      return {
        store,
        reason: `SITEDESK_SECRET_STORE=auto: no OS keychain answered (${tried.error}), so the encrypted file is used`,
        warning: fileWarning(store),
      };
    }
  }
}

/** Opens the keychain and proves a round trip within keychainTimeoutMs; never throws. */
async function tryKeychain(
  config: SecretStoreConfig,
  secrets: { secrets?: SecretRegistry },
): Promise<{ store: SecretStore; why: string } | { error: string }> {
  let store: SecretStore;
  try {
    store = await openKeychainSecretStore({ timeoutMs: config.keychainTimeoutMs, ...secrets });
  } catch (error) {
    return { error: messageOf(error) };
  }
  const probe = await probeSecretStore(store, { timeoutMs: config.keychainTimeoutMs });
  if (!probe.ok) return { error: probe.error ?? 'the probe failed' };
  return {
    store,
    why: `the ${store.description} answered a write/read/delete probe in ${probe.millis} ms`,
  };
}

async function openFile(
  config: SecretStoreConfig,
  deps: SecretStoreDeps,
  secrets: { secrets?: SecretRegistry },
): Promise<FileSecretStore> {
  const store = await openFileSecretStore(
    { dataDir: config.dataDir, masterKey: config.masterKey },
    secrets,
  );
  if (store.keySource.kind === 'key-file' && store.keySource.created) {
    deps.logger.warn(
      { keyFile: store.keySource.path },
      `Created a new key file ${store.keySource.path} for the encrypted secret file; back it up: without it the secrets cannot be read.`,
    );
  }
  return store;
}

/** What it means that `auto` uses the file store, and how to choose explicitly. */
function fileWarning(store: FileSecretStore): string {
  const keyText =
    store.keySource.kind === 'master-key'
      ? 'the key is SITEDESK_MASTER_KEY: whoever has it and the file can read them'
      : `the key is in ${store.keySource.path}: whoever has that key file can read them, so keep it private (mode 0600) and back it up with the data`;
  return `Site and mailbox secrets are kept in the encrypted file ${store.path}, not in an OS keychain; ${keyText}. ${CHOOSE}`;
}

function lowerFirst(text: string): string {
  return text.startsWith('The ') ? `the ${text.slice(4)}` : text;
}

function keychainHint(): string {
  if (platform() !== 'linux') return `Or use SITEDESK_SECRET_STORE=file.`;
  return (
    'On Linux a Secret Service (gnome-keyring, KWallet or KeePassXC) must run, unlocked, on the D-Bus session bus named by ' +
    'DBUS_SESSION_BUS_ADDRESS. On a server without a desktop session, use SITEDESK_SECRET_STORE=file.'
  );
}

const STORE_CODES: readonly SecretStoreErrorCode[] = [
  'secret_store_unavailable',
  'secret_store_corrupt',
  'secret_store_wrong_key',
  'secret_store_failed',
];

/** Keeps the code of a SecretStoreError (typed `string` on the base class) when re-wrapping it. */
function storeErrorCode(code: string): SecretStoreErrorCode {
  return STORE_CODES.find((known) => known === code) ?? 'secret_store_failed';
}

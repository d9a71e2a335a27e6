import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SecretStoreError, messageOf } from '../shared/errors.js';
import { withLockFile, type LockFileOptions } from '../shared/lock-file.js';
import { processSecrets, type SecretRegistry } from '../shared/redact.js';
import { checkAccount, checkSecret } from './account.js';
import { writeFileAtomic } from './atomic-write.js';
import { openSecrets, sealSecrets, type SecretMap } from './file-envelope.js';
import { isCode, loadFileStoreKey, type KeySource } from './file-key.js';
import type { SecretStore } from './types.js';

/** Name of the encrypted secret file inside dataDir. */
export const DATA_FILE_NAME = 'secrets.enc';

/** Settings of the file store (a narrow part of Config). */
export interface FileStoreOptions {
  dataDir: string;
  /** 64 hex characters or base64 of 32 bytes; when absent, `<dataDir>/secrets.key` is used. */
  masterKey?: string | undefined;
  /**
   * Timing of the cross-process write lock (`secrets.enc.lock`), in ms: give up after
   * `timeoutMs` (default 5,000); a lock older than `staleMs` is taken over whoever holds it
   * (a write takes milliseconds; default 30,000).
   */
  lock?: Partial<Pick<LockFileOptions, 'timeoutMs' | 'staleMs'>>;
}

/** The file store, with where its data and key are. */
export interface FileSecretStore extends SecretStore {
  readonly kind: 'file';
  /** Absolute path of `secrets.enc`. */
  readonly path: string;
  readonly keySource: KeySource;
}

/**
 * Opens the encrypted file store under `dataDir`: loads (or on first use creates) the key and,
 * when a data file exists, decrypts it once so a wrong key or a damaged file is reported now
 * rather than at the first publish. Writes are serialized, within this process by a queue and
 * between processes by a lock file; a file that cannot be decrypted is never overwritten.
 */
export async function openFileSecretStore(
  options: FileStoreOptions,
  deps: { secrets?: SecretRegistry } = {},
): Promise<FileSecretStore> {
  const registry = deps.secrets ?? processSecrets;
  const path = join(options.dataDir, DATA_FILE_NAME);
  const { key, source } = await loadFileStoreKey({
    dataDir: options.dataDir,
    masterKey: options.masterKey,
    dataFile: path,
  });
  const keyText = source.kind === 'master-key' ? 'SITEDESK_MASTER_KEY' : `key file ${source.path}`;

  const load = async (): Promise<SecretMap> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return {};
      throw new SecretStoreError(
        'secret_store_unavailable',
        `Could not read ${path}: ${messageOf(error)}`,
        { cause: error },
      );
    }
    const secrets = openSecrets(text, key, path);
    for (const value of Object.values(secrets)) registry.add(value);
    return secrets;
  };

  const save = async (secrets: SecretMap): Promise<void> => {
    try {
      await writeFileAtomic(path, sealSecrets(secrets, key));
    } catch (error) {
      throw new SecretStoreError(
        'secret_store_failed',
        `Could not write ${path}: ${messageOf(error)}`,
        { cause: error },
      );
    }
  };

  // Read-modify-write must not interleave, or one of two concurrent `set`s would be lost: a
  // queue orders this store's writes, and a lock file orders them against other processes
  // (and other store objects on the same folder).
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(async () => {
      await ensureFolder(options.dataDir);
      return withLockFile(`${path}.lock`, work, secretFileLock(options.lock));
    });
    tail = result.catch(() => undefined);
    return result;
  };

  await load();

  return {
    kind: 'file',
    description: `encrypted file ${path} (AES-256-GCM, key from ${keyText})`,
    path,
    keySource: source,
    async get(account) {
      checkAccount(account);
      const secrets = await load();
      return Object.hasOwn(secrets, account) ? secrets[account] : undefined;
    },
    async set(account, secret) {
      checkAccount(account);
      registry.add(checkSecret(secret));
      await exclusive(async () => {
        const secrets = await load();
        secrets[account] = secret;
        await save(secrets);
      });
    },
    async delete(account) {
      checkAccount(account);
      return exclusive(async () => {
        const secrets = await load();
        if (!Object.hasOwn(secrets, account)) return false;
        delete secrets[account];
        await save(secrets);
        return true;
      });
    },
    async list() {
      return Object.keys(await load()).sort();
    },
  };
}

async function ensureFolder(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new SecretStoreError(
      'secret_store_failed',
      `Could not create the data folder ${dataDir}: ${messageOf(error)}`,
      { cause: error },
    );
  }
}

/** The secret file's lock: its timing, and errors that say what to do. */
function secretFileLock(timing: FileStoreOptions['lock'] = {}): LockFileOptions {
  const timeoutMs = timing.timeoutMs ?? 5000;
  return {
    timeoutMs,
    staleMs: timing.staleMs ?? 30_000,
    busy: (lockPath) =>
      new SecretStoreError(
        'secret_store_failed',
        `The secret file is locked by another sitedesk process (${lockPath}) and stayed locked for ${timeoutMs} ms. ` +
          'If no other sitedesk runs, remove that file.',
      ),
    cannotCreate: (lockPath, cause) =>
      new SecretStoreError(
        'secret_store_failed',
        `Could not create the lock file ${lockPath}: ${messageOf(cause)}`,
        { cause },
      ),
  };
}

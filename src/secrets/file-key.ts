import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { platform } from 'node:os';
import { join } from 'node:path';
import { ConfigError, SecretStoreError, messageOf } from '../shared/errors.js';
import { writeFileDurably } from './atomic-write.js';

/** Name of the generated key file inside dataDir. */
export const KEY_FILE_NAME = 'secrets.key';

/** Where the file store's key came from, for `reason` and `sitedesk doctor`. */
export type KeySource =
  { kind: 'master-key' } | { kind: 'key-file'; path: string; created: boolean };

/** A 32-byte AES key and where it came from. */
export interface FileStoreKey {
  key: Buffer;
  source: KeySource;
}

const MASTER_KEY_EXAMPLE = 'Example: SITEDESK_MASTER_KEY=$(openssl rand -hex 32)';

/** Decodes SITEDESK_MASTER_KEY: 64 hex characters, or base64 of exactly 32 bytes. Never echoes it. */
export function parseMasterKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}$/.test(value)) {
    const bytes = Buffer.from(
      value,
      value.includes('-') || value.includes('_') ? 'base64url' : 'base64',
    );
    if (bytes.length === 32) return bytes;
  }
  throw new ConfigError(
    `SITEDESK_MASTER_KEY must be 64 hex characters or the base64 form of 32 bytes (it has ${value.length} characters). ${MASTER_KEY_EXAMPLE}`,
  );
}

/**
 * The key of the file store: SITEDESK_MASTER_KEY when given, else `<dataDir>/secrets.key`,
 * created with mode 0600 on first use. A key file that others may read is refused, and no new
 * key is made when a data file already exists (that data would become unreadable).
 */
export async function loadFileStoreKey(options: {
  dataDir: string;
  masterKey?: string | undefined;
  dataFile: string;
}): Promise<FileStoreKey> {
  if (options.masterKey !== undefined && options.masterKey !== '') {
    return { key: parseMasterKey(options.masterKey), source: { kind: 'master-key' } };
  }
  const path = join(options.dataDir, KEY_FILE_NAME);
  const existing = await readKeyFile(path);
  if (existing) return { key: existing, source: { kind: 'key-file', path, created: false } };
  if (await exists(options.dataFile)) {
    throw new SecretStoreError(
      'secret_store_wrong_key',
      `The secret file ${options.dataFile} exists but its key file ${path} is missing, so it cannot be read. ` +
        'Restore secrets.key from your backup, or set SITEDESK_MASTER_KEY to the key it was written with.',
    );
  }
  return {
    key: await createKeyFile(options.dataDir, path),
    source: { kind: 'key-file', path, created: true },
  };
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw unreadable(path, error);
  }
  // Windows has no POSIX modes; the data folder's ACL protects the key there.
  if (platform() !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    throw new SecretStoreError(
      'secret_store_unavailable',
      `The key file ${path} may be read by other users (mode ${octal}); anyone who reads it can read every secret. ` +
        `Make it private with: chmod 600 ${path}`,
    );
  }
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw unreadable(path, error);
  }
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new SecretStoreError(
      'secret_store_corrupt',
      `The key file ${path} does not hold a key (expected 64 hex characters). Restore it from your backup.`,
    );
  }
  return Buffer.from(text, 'hex');
}

async function createKeyFile(dataDir: string, path: string): Promise<Buffer> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFileDurably(temp, `${key.toString('hex')}\n`);
    // link() never replaces an existing file, and the key is complete before it gets its name:
    // two processes starting at once end up sharing the first key, never each writing one.
    await link(temp, path);
    return key;
  } catch (error) {
    if (isCode(error, 'EEXIST')) {
      const other = await readKeyFile(path);
      if (other) return other;
    }
    throw new SecretStoreError(
      'secret_store_unavailable',
      `Could not create the key file ${path}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    await rm(temp, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): SecretStoreError {
  return new SecretStoreError(
    'secret_store_unavailable',
    `Could not read ${path}: ${messageOf(error)}`,
    { cause: error },
  );
}

/** True when `error` is a Node system error with this `code` (ENOENT, EEXIST, …). */
export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function isNotFound(error: unknown): boolean {
  return isCode(error, 'ENOENT');
}

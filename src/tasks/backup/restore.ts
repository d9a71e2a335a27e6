import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openSealKeys, macMatches, unseal, type SealKeys } from '../../secrets/passphrase-seal.js';
import { SealError } from '../../secrets/passphrase-seal.js';
import type { SecretStore } from '../../secrets/types.js';
import { ArchiveError, readTarGz, type MemberSink } from '../../shared/archive/tar-read.js';
import { DATABASE_FILE } from '../../store/index.js';
import {
  BackupError,
  DATABASE_MEMBER,
  FILES_PREFIX,
  KEY_MEMBER,
  MAC_MEMBER,
  MANIFEST_MEMBER,
  SECRETS_LABEL,
  SECRETS_MEMBER,
  isAllowedMember,
  keyFileSchema,
  manifestSchema,
  sealedSecretsSchema,
  type Manifest,
} from './format.js';
import { countRows, integrityOf, moveUploadPaths } from './snapshot.js';

/** What to restore where. */
export interface RestoreOptions {
  file: string;
  dataDir: string;
  passphrase: string;
  /** Restore into a data folder that already holds data (replacing the database and files). */
  force: boolean;
}

/** What was restored. */
export interface RestoreResult {
  manifest: Manifest;
  files: number;
}

/** Entries a data folder may hold and still count as empty. */
const IGNORED_IN_EMPTY = new Set(['backups', 'lost+found']);
const SMALL_MEMBER_LIMIT = 64 * 1024 * 1024;

/**
 * Restores a backup into `dataDir`: everything is unpacked into a folder beside it and checked
 * first — passphrase, every member's SHA-256 against the authenticated manifest, the database's
 * integrity and rows per table — and only then moved in; the secrets are written last, into the
 * store `openSecrets` opens (called only then, so a failed restore creates no key file either).
 */
export async function restoreBackup(
  options: RestoreOptions,
  deps: { openSecrets: () => Promise<SecretStore> },
): Promise<RestoreResult> {
  const existing = await entriesOf(options.dataDir);
  if (existing.length > 0 && !options.force)
    throw new BackupError(
      'restore_target_not_empty',
      `The data folder ${options.dataDir} already holds data (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', …' : ''}); nothing was restored. ` +
        'Restore into an empty folder (SITEDESK_DATA_DIR=/new/folder), or stop sitedesk and add --force to replace its database and files.',
    );
  const staging = join(
    dirname(options.dataDir),
    `.${basename(options.dataDir)}.restore-${randomBytes(4).toString('hex')}`,
  );
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    const unpacked = await unpack(options, staging);
    const manifest = await verify(unpacked);
    const secrets = sealedSecretsSchema.parse(
      JSON.parse(
        unseal(unpacked.keys, SECRETS_LABEL, unpacked.small.get(SECRETS_MEMBER)!).toString('utf8'),
      ),
    );
    const dbPath = join(staging, DATABASE_MEMBER);
    const integrity = integrityOf(dbPath);
    if (integrity !== 'ok')
      throw new BackupError(
        'backup_tampered',
        `The database in the backup is damaged (${integrity}).`,
      );
    const counts = countRows(dbPath);
    for (const [table, rows] of Object.entries(manifest.tables)) {
      if (counts[table] !== rows)
        throw new BackupError(
          'backup_tampered',
          `The backup's table ${table} has ${counts[table] ?? 0} rows where its manifest says ${rows}.`,
        );
    }
    moveUploadPaths(dbPath, manifest.dataDir, options.dataDir);
    await moveIn(staging, options.dataDir);
    const store = await deps.openSecrets();
    for (const [account, secret] of Object.entries(secrets)) await store.set(account, secret);
    return { manifest, files: unpacked.files };
  } catch (error) {
    if (error instanceof SealError)
      throw new BackupError(
        error.code === 'backup_wrong_passphrase' ? 'backup_wrong_passphrase' : 'backup_tampered',
        error.message,
        { cause: error },
      );
    if (error instanceof ArchiveError)
      throw new BackupError(
        error.code === 'archive_incomplete' ? 'backup_incomplete' : 'backup_tampered',
        `${error.message} Nothing was restored.`,
        { cause: error },
      );
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

interface Unpacked {
  keys: SealKeys;
  small: Map<string, Buffer>;
  seen: Map<string, { size: number; sha256: string }>;
  files: number;
}

async function unpack(options: RestoreOptions, staging: string): Promise<Unpacked> {
  let keys: SealKeys | undefined;
  const small = new Map<string, Buffer>();
  const seen = new Map<string, { size: number; sha256: string }>();
  let files = 0;
  await readTarGz(options.file, async (member) => {
    if (!isAllowedMember(member.name) || seen.has(member.name))
      throw new BackupError(
        'backup_not_a_backup',
        `${options.file} is not a sitedesk backup (it holds "${member.name}"). Nothing was restored.`,
      );
    if (keys === undefined && member.name !== KEY_MEMBER)
      throw new BackupError(
        'backup_not_a_backup',
        `${options.file} is not a sitedesk backup (it does not begin with ${KEY_MEMBER}). Nothing was restored.`,
      );
    const hash = createHash('sha256');
    const done = (size: number): void => {
      seen.set(member.name, { size, sha256: hash.digest('hex') });
    };
    if (member.name === KEY_MEMBER || !member.name.includes('/')) {
      if (member.size > SMALL_MEMBER_LIMIT)
        throw new BackupError(
          'backup_tampered',
          `The backup's ${member.name} is too large; it was changed.`,
        );
      return bufferSink(hash, async (data) => {
        done(data.length);
        small.set(member.name, data);
        if (member.name === KEY_MEMBER) keys = await keysFrom(data, options.passphrase);
      });
    }
    if (member.name.startsWith(FILES_PREFIX)) files++;
    const path = join(staging, member.name);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    return fileSink(createWriteStream(path, { mode: 0o600 }), hash, done);
  });
  if (keys === undefined)
    throw new BackupError(
      'backup_not_a_backup',
      `${options.file} is not a sitedesk backup. Nothing was restored.`,
    );
  return { keys, small, seen, files };
}

async function keysFrom(data: Buffer, passphrase: string): Promise<SealKeys> {
  const parsed = keyFileSchema.safeParse(safeJson(data));
  if (!parsed.success)
    throw new BackupError(
      'backup_not_a_backup',
      `The backup's ${KEY_MEMBER} is not one sitedesk wrote (a newer format, or changed). Nothing was restored.`,
    );
  return openSealKeys(passphrase, parsed.data.seal);
}

/** The manifest's MAC, then every member against it: nothing missing, nothing extra, nothing changed. */
async function verify(unpacked: Unpacked): Promise<Manifest> {
  const manifestBytes = unpacked.small.get(MANIFEST_MEMBER);
  const macText = unpacked.small.get(MAC_MEMBER);
  if (!manifestBytes || !macText)
    throw new BackupError(
      'backup_incomplete',
      'The backup has no manifest at its end: it was cut short. Nothing was restored.',
    );
  if (!macMatches(unpacked.keys, manifestBytes, macText.toString('utf8')))
    throw new BackupError(
      'backup_tampered',
      'The backup was changed after it was written (its manifest does not match its seal). Nothing was restored.',
    );
  const manifest = manifestSchema.parse(safeJson(manifestBytes));
  const listed = new Set(manifest.members.map((m) => m.name));
  for (const member of manifest.members) {
    const got = unpacked.seen.get(member.name);
    if (!got || got.size !== member.size || got.sha256 !== member.sha256)
      throw new BackupError(
        'backup_tampered',
        `The backup's ${member.name} ${got ? 'was changed' : 'is missing'} since it was written. Nothing was restored.`,
      );
  }
  for (const name of unpacked.seen.keys()) {
    if (!listed.has(name) && name !== MANIFEST_MEMBER && name !== MAC_MEMBER)
      throw new BackupError(
        'backup_tampered',
        `The backup holds ${name}, which its manifest does not list: it was changed. Nothing was restored.`,
      );
  }
  if (!unpacked.seen.has(DATABASE_MEMBER) || !unpacked.small.has(SECRETS_MEMBER))
    throw new BackupError(
      'backup_not_a_backup',
      'The backup has no database or no secrets part. Nothing was restored.',
    );
  return manifest;
}

/** Moves the checked database and files from the staging folder into the data folder. */
async function moveIn(staging: string, dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const target = join(dataDir, DATABASE_FILE);
  // A forced restore replaces the database whole: its WAL must not be replayed onto the copy.
  for (const suffix of ['-wal', '-shm', '']) await rm(`${target}${suffix}`, { force: true });
  await rename(join(staging, DATABASE_MEMBER), target);
  const filesDir = join(staging, FILES_PREFIX);
  for (const entry of await entriesOf(filesDir)) {
    await rm(join(dataDir, entry), { recursive: true, force: true });
    await rename(join(filesDir, entry), join(dataDir, entry));
  }
}

async function entriesOf(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => !IGNORED_IN_EMPTY.has(name));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
}

function safeJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
}

function bufferSink(hash: Hash, onEnd: (data: Buffer) => Promise<void>): MemberSink {
  const parts: Buffer[] = [];
  return {
    write(chunk) {
      hash.update(chunk);
      parts.push(Buffer.from(chunk));
    },
    end: () => onEnd(Buffer.concat(parts)),
  };
}

function fileSink(stream: WriteStream, hash: Hash, done: (size: number) => void): MemberSink {
  let size = 0;
  return {
    async write(chunk) {
      hash.update(chunk);
      size += chunk.length;
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async end() {
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      done(size);
    },
  };
}

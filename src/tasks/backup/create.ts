import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { mac, newSealKeys, seal } from '../../secrets/passphrase-seal.js';
import type { SecretStore } from '../../secrets/types.js';
import {
  createTarGzWriter,
  type TarWriter,
  type WrittenMember,
} from '../../shared/archive/tar-write.js';
import {
  BACKUP_FORMAT,
  DATABASE_MEMBER,
  FILES_PREFIX,
  KEY_MEMBER,
  MAC_MEMBER,
  MANIFEST_MEMBER,
  NOT_COPIED,
  SECRETS_LABEL,
  SECRETS_MEMBER,
  type Manifest,
} from './format.js';
import { countRows, snapshotDatabase } from './snapshot.js';

/** What a backup needs to know. */
export interface BackupOptions {
  dataDir: string;
  /** The file to write; written as `<file>.partial-…` first and renamed when complete. */
  to: string;
  passphrase: string;
  sitedeskVersion: string;
  /** The settings in effect, without any secret. */
  settings: Record<string, unknown>;
  now: Date;
}

/** What a finished backup holds. */
export interface BackupResult {
  file: string;
  bytes: number;
  tables: Record<string, number>;
  secrets: number;
  files: number;
}

/**
 * Writes a backup of the data folder and every secret of `secrets` into `options.to` (see
 * format.ts). The database is snapshotted online, so the service may keep running. A failure
 * leaves no file behind under the target name.
 */
export async function createBackup(
  options: BackupOptions,
  deps: { secrets: SecretStore },
): Promise<BackupResult> {
  const folder = dirname(options.to);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const partial = `${options.to}.partial-${unique}`;
  const dbCopy = join(folder, `.${basename(options.to)}.db-${unique}`);
  let writer: TarWriter | undefined;
  try {
    const keys = await newSealKeys(options.passphrase);
    await snapshotDatabase(options.dataDir, dbCopy);
    const tables = countRows(dbCopy);
    const secrets = await readAllSecrets(deps.secrets);
    const members: WrittenMember[] = [];
    writer = createTarGzWriter(partial);
    const at = options.now;
    const keyJson = { format: BACKUP_FORMAT, seal: keys.params };
    members.push(await writer.addBuffer({ name: KEY_MEMBER, mtime: at }, json(keyJson)));
    const dbSize = (await stat(dbCopy)).size;
    members.push(await writer.addFile({ name: DATABASE_MEMBER, mtime: at }, dbCopy, dbSize));
    let files = 0;
    for await (const file of dataFiles(options.dataDir)) {
      members.push(
        await writer.addFile(
          { name: FILES_PREFIX + file.name, mtime: file.mtime },
          file.path,
          file.size,
        ),
      );
      files++;
    }
    const sealed = seal(keys, SECRETS_LABEL, json(secrets));
    members.push(await writer.addBuffer({ name: SECRETS_MEMBER, mtime: at }, sealed));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      sitedeskVersion: options.sitedeskVersion,
      createdAt: at.toISOString(),
      dataDir: options.dataDir,
      tables,
      secrets: Object.keys(secrets).length,
      settings: options.settings,
      members,
    };
    const manifestBytes = json(manifest);
    await writer.addBuffer({ name: MANIFEST_MEMBER, mtime: at }, manifestBytes);
    await writer.addBuffer({ name: MAC_MEMBER, mtime: at }, Buffer.from(mac(keys, manifestBytes)));
    await writer.finish();
    writer = undefined;
    await rename(partial, options.to);
    const bytes = (await stat(options.to)).size;
    return { file: options.to, bytes, tables, secrets: manifest.secrets, files };
  } finally {
    await writer?.abort();
    await rm(partial, { force: true });
    await rm(dbCopy, { force: true });
  }
}

async function readAllSecrets(store: SecretStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const account of await store.list()) {
    const secret = await store.get(account);
    if (secret !== undefined) out[account] = secret;
  }
  return out;
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n');
}

/** Regular files of the data folder that a backup copies, with paths relative to it (`/`). */
async function* dataFiles(
  dataDir: string,
  under = '',
): AsyncGenerator<{ name: string; path: string; size: number; mtime: Date }> {
  const entries = await readdir(join(dataDir, under), { withFileTypes: true }).catch(
    (error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    },
  );
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const name = under ? `${under}/${entry.name}` : entry.name;
    if (!under && (NOT_COPIED.has(entry.name) || entry.name.startsWith('.'))) continue;
    // Half-written files (atomic writes, locks) are skipped; they are not data yet.
    if (/\.(tmp|lock|partial)$/.test(entry.name) || entry.name.includes('.partial-')) continue;
    const path = join(dataDir, name);
    if (entry.isDirectory()) yield* dataFiles(dataDir, name);
    else if (entry.isFile()) {
      const info = await stat(path).catch(() => undefined);
      // A file removed since the folder was listed (pruned upload) is simply not in the backup.
      if (info) yield { name, path, size: info.size, mtime: info.mtime };
    }
  }
}

/**
 * The backup file (issue 21): a `.tar.gz` any tar opens, whose members are
 *   key.json          how the passphrase's keys were derived (salt, scrypt cost, check value)
 *   database/sitedesk.db   an online snapshot of the database (SQLite backup API)
 *   files/…           the data folder's uploads and mail files, as they are there
 *   secrets.sealed    every secret of the secret store, AES-256-GCM with the passphrase's key
 *   manifest.json     sitedesk version, time, rows per table, each member's size and SHA-256
 *   manifest.mac      HMAC-SHA256 of manifest.json with the passphrase's key
 * The MAC covers the manifest, the manifest covers every member: a changed byte anywhere is
 * found before anything is restored. key.json comes first so a wrong passphrase is told at once.
 */
import { z } from 'zod';
import { SitedeskError } from '../../shared/errors.js';

/** Format version written into key.json and manifest.json. */
export const BACKUP_FORMAT = 1;

export const KEY_MEMBER = 'key.json';
export const DATABASE_MEMBER = 'database/sitedesk.db';
export const SECRETS_MEMBER = 'secrets.sealed';
export const MANIFEST_MEMBER = 'manifest.json';
export const MAC_MEMBER = 'manifest.mac';
/** Prefix of the data folder's own files (uploads/, mail/, …) inside the backup. */
export const FILES_PREFIX = 'files/';

/** AAD label of the sealed secrets. */
export const SECRETS_LABEL = 'sitedesk backup secrets v1';

/** Names in the data folder that are not copied as files: the database (snapshotted), the
 * secret file and its key (exported re-encrypted instead), warm git clones (cloned again),
 * backups themselves and the last-backup note. */
export const NOT_COPIED = new Set([
  'sitedesk.db',
  'sitedesk.db-wal',
  'sitedesk.db-shm',
  'secrets.enc',
  'secrets.key',
  'git',
  'backups',
  'last-backup.json',
]);

export const keyFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  seal: z.object({
    kdf: z.literal('scrypt'),
    N: z.number().int().positive(),
    r: z.number().int().positive(),
    p: z.number().int().positive(),
    salt: z.string().min(16),
    check: z.string().min(16),
  }),
});

const memberSchema = z.object({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestMember = z.infer<typeof memberSchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  sitedeskVersion: z.string(),
  createdAt: z.string(),
  /** The data folder it was taken from: upload paths in the database start with it. */
  dataDir: z.string(),
  /** Rows per table in the snapshot. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  secrets: z.number().int().nonnegative(),
  /** The settings in effect (no secret among them: the master key is never written). */
  settings: z.record(z.string(), z.unknown()),
  members: z.array(memberSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const sealedSecretsSchema = z.record(z.string(), z.string());

/** Codes of what can go wrong with a backup or a restore; the message says what to do. */
export type BackupErrorCode =
  | 'backup_incomplete'
  | 'backup_tampered'
  | 'backup_wrong_passphrase'
  | 'backup_not_a_backup'
  | 'restore_target_not_empty'
  | 'backup_no_database'
  | 'backup_no_passphrase';

export class BackupError extends SitedeskError {
  constructor(code: BackupErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}

/** Whether `name` may be a member of a backup: a known member, or a plain relative path under files/. */
export function isAllowedMember(name: string): boolean {
  if ([KEY_MEMBER, DATABASE_MEMBER, SECRETS_MEMBER, MANIFEST_MEMBER, MAC_MEMBER].includes(name))
    return true;
  if (!name.startsWith(FILES_PREFIX)) return false;
  const parts = name.slice(FILES_PREFIX.length).split('/');
  return (
    parts.every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\')) &&
    !NOT_COPIED.has(parts[0] ?? '')
  );
}

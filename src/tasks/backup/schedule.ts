/**
 * Scheduled backups: every `everyHours` the service (or `sitedesk run`) writes a backup into
 * the backup folder with the passphrase from a file (systemd's LoadCredential=, or a file the
 * operator names), then keeps the newest `keep` backups there. The time of the last attempt is
 * in last-backup.json, so a restart neither skips one nor makes an extra one.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../../secrets/types.js';
import type { Clock } from '../../shared/clock.js';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { createBackup, type BackupResult } from './create.js';
import { BackupError } from './format.js';
import { readLastBackup, recordBackup } from './state.js';

/** Name of backups in the backup folder; the time in it sorts like the time itself. */
export function backupFileName(at: Date): string {
  return `sitedesk-backup-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.tar.gz`;
}
const BACKUP_NAME = /^sitedesk-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/;

/** The backup folder: the configured one, else `<dataDir>/backups`. */
export function backupFolder(config: { dataDir: string; backupDir?: string | undefined }): string {
  return config.backupDir ?? join(config.dataDir, 'backups');
}

/** Deletes the oldest backups in `folder` beyond the newest `keep`; answers the deleted names. */
export async function pruneBackups(folder: string, keep: number): Promise<string[]> {
  const names = (await readdir(folder)).filter((name) => BACKUP_NAME.test(name)).sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) await rm(join(folder, name), { force: true });
  return old;
}

/** Where the scheduled backups' passphrase is read from, or undefined when nowhere. */
export function passphraseFile(
  config: { backupPassphraseFile?: string | undefined },
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (config.backupPassphraseFile) return config.backupPassphraseFile;
  return env.CREDENTIALS_DIRECTORY
    ? join(env.CREDENTIALS_DIRECTORY, 'backup-passphrase')
    : undefined;
}

/** Reads a passphrase file (one trailing newline dropped); BackupError when missing or empty. */
export async function readPassphraseFile(path: string | undefined): Promise<string> {
  const hint =
    'Scheduled backups need a passphrase file: set SITEDESK_BACKUP_PASSPHRASE_FILE=/etc/sitedesk/backup-passphrase, or LoadCredential=backup-passphrase:… in the systemd unit.';
  if (!path) throw new BackupError('backup_no_passphrase', hint);
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
  } catch (error) {
    throw new BackupError(
      'backup_no_passphrase',
      `Cannot read ${path} (${messageOf(error)}). ${hint}`,
      { cause: error },
    );
  }
  if (text.length === 0) throw new BackupError('backup_no_passphrase', `${path} is empty. ${hint}`);
  return text;
}

/** What scheduled backups need. */
export interface BackupScheduleConfig {
  dataDir: string;
  backupDir: string;
  everyHours: number;
  keep: number;
  passphraseFile: string | undefined;
  settings: Record<string, unknown>;
  sitedeskVersion: string;
}

const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;
const LOOK_EVERY_MS = 60 * 1000;

/**
 * Runs until `signal` aborts: writes a backup whenever one is due (at once when none was
 * ever made), records each outcome and prunes the folder. Never throws: a failed backup is
 * logged, recorded for doctor, and tried again an hour later (or at the next interval if sooner).
 */
export async function runScheduledBackups(
  config: BackupScheduleConfig,
  deps: {
    secrets: SecretStore;
    clock: Clock;
    logger: Logger;
    onBackup?: (r: BackupResult) => void;
  },
  signal: AbortSignal,
): Promise<void> {
  const everyMs = config.everyHours * 3600 * 1000;
  if (everyMs <= 0) return;
  deps.logger.info(
    { everyHours: config.everyHours, keep: config.keep, backupDir: config.backupDir },
    'scheduled backups on',
  );
  while (!signal.aborted) {
    const last = await readLastBackup(config.dataDir);
    const lastAt = last ? Date.parse(last.at) : Number.NaN;
    const wait = Number.isNaN(lastAt)
      ? 0
      : lastAt +
        (last?.ok ? everyMs : Math.min(everyMs, RETRY_AFTER_FAILURE_MS)) -
        deps.clock.now();
    if (wait > 0) {
      await deps.clock.sleep(Math.min(wait, LOOK_EVERY_MS));
      continue;
    }
    await backupOnce(config, deps);
  }
}

async function backupOnce(
  config: BackupScheduleConfig,
  deps: {
    secrets: SecretStore;
    clock: Clock;
    logger: Logger;
    onBackup?: (r: BackupResult) => void;
  },
): Promise<void> {
  const now = new Date(deps.clock.now());
  try {
    const passphrase = await readPassphraseFile(config.passphraseFile);
    const result = await createBackup(
      {
        dataDir: config.dataDir,
        to: join(config.backupDir, backupFileName(now)),
        passphrase,
        sitedeskVersion: config.sitedeskVersion,
        settings: config.settings,
        now,
      },
      deps,
    );
    await recordBackup(config.dataDir, {
      at: now.toISOString(),
      ok: true,
      file: result.file,
      bytes: result.bytes,
      scheduled: true,
    });
    const pruned = await pruneBackups(config.backupDir, config.keep);
    deps.logger.info(
      { file: result.file, bytes: result.bytes, pruned: pruned.length },
      'scheduled backup written',
    );
    deps.onBackup?.(result);
  } catch (error) {
    deps.logger.error({ err: messageOf(error) }, 'scheduled backup failed');
    await recordBackup(config.dataDir, {
      at: now.toISOString(),
      ok: false,
      error: messageOf(error),
      scheduled: true,
    }).catch((noted: unknown) =>
      deps.logger.error({ err: messageOf(noted) }, 'could not record the failed backup'),
    );
  }
}

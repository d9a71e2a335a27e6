import { existsSync } from 'node:fs';
import type { Config } from '../../shared/config.js';
import { backupFolder, passphraseFile, readLastBackup } from '../../tasks/backup/index.js';
import type { Finding } from './doctor-finding.js';
import { formatBytes } from './backup.js';

/**
 * The last backup (issue 21): when, where and how big; a failed scheduled one with its cause;
 * a warning when none was ever made or scheduled backups cannot read their passphrase.
 */
export async function checkBackups(
  config: Config,
  env: NodeJS.ProcessEnv,
  now: Date = new Date(),
): Promise<Finding> {
  const last = await readLastBackup(config.dataDir);
  const scheduled = config.backupEveryHours > 0;
  const notes = [
    scheduled
      ? `scheduled: every ${config.backupEveryHours} h into ${backupFolder(config)}, keeping the newest ${config.backupKeep}`
      : 'scheduled: no (SITEDESK_BACKUP_EVERY_HOURS=24 makes one a day)',
  ];
  if (scheduled) {
    const file = passphraseFile(config, env);
    if (!file || !existsSync(file)) {
      notes.push(
        `the passphrase file ${file ?? '(none)'} is missing: set SITEDESK_BACKUP_PASSPHRASE_FILE or LoadCredential=backup-passphrase:…`,
      );
      return {
        check: 'backups',
        status: 'warn',
        summary: 'scheduled backups have no passphrase',
        notes,
      };
    }
  }
  if (!last) {
    notes.push('make one with: sitedesk backup');
    return { check: 'backups', status: 'warn', summary: 'no backup made yet', notes };
  }
  if (last.lastOk) {
    const hours = (now.getTime() - Date.parse(last.lastOk.at)) / 3_600_000;
    notes.push(`file: ${last.lastOk.file}`);
    const summary = `last backup ${last.lastOk.at} (${hours < 1 ? 'less than an hour' : `${Math.round(hours)} h`} ago, ${formatBytes(last.lastOk.bytes)})`;
    if (!last.ok) {
      notes.push(`the latest attempt at ${last.at} failed: ${last.error ?? 'unknown error'}`);
      return { check: 'backups', status: 'warn', summary, notes };
    }
    // Two missed intervals: the schedule is not running (service stopped, disk full).
    const overdue = scheduled && hours > 2 * config.backupEveryHours;
    return {
      check: 'backups',
      status: overdue ? 'warn' : 'ok',
      summary: overdue ? `${summary}, overdue` : summary,
      notes,
    };
  }
  notes.push(`the attempt at ${last.at} failed: ${last.error ?? 'unknown error'}`);
  return { check: 'backups', status: 'warn', summary: 'no backup succeeded yet', notes };
}

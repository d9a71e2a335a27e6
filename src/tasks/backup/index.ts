/**
 * Backups of a sitedesk installation (issue 21): a consistent file of the database, the data
 * folder's files and the secrets sealed with a passphrase; restore into an empty folder;
 * scheduled backups with a retention count; the last backup for doctor.
 */
export { createBackup, type BackupOptions, type BackupResult } from './create.js';
export { restoreBackup, type RestoreOptions, type RestoreResult } from './restore.js';
export { BackupError, type Manifest } from './format.js';
export { readLastBackup, recordBackup, type LastBackup } from './state.js';
export {
  backupFileName,
  backupFolder,
  passphraseFile,
  pruneBackups,
  readPassphraseFile,
  runScheduledBackups,
  type BackupScheduleConfig,
} from './schedule.js';

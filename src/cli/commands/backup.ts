import { resolve } from 'node:path';
import {
  backupFileName,
  backupFolder,
  createBackup,
  readPassphraseFile,
  recordBackup,
} from '../../tasks/backup/index.js';
import { version } from '../../shared/version.js';
import { parseCommandArgs, println, UsageError, type CliIo, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { readSecret } from '../read-secret.js';
import { openRuntime } from '../runtime.js';
import { settingsWithoutSecrets } from './backup-settings.js';

const help = `Usage: sitedesk backup [--to FILE] [--passphrase-file FILE]

Writes one backup file (.tar.gz) of this installation while the service may keep running:
the database (SQLite's online backup), the data folder's uploads and mail files, the
settings in effect, and every site and mailbox secret — the secrets encrypted with a
passphrase (scrypt + AES-256-GCM); the whole file is sealed, so a changed byte is found
on restore. Keep the passphrase apart from the file: without it the backup cannot be restored.
  --to FILE               where to write (default: the backup folder, SITEDESK_BACKUP_DIR or
                          <data folder>/backups, named sitedesk-backup-<time>.tar.gz)
  --passphrase-file FILE  read the passphrase from FILE; otherwise it is asked at a hidden
                          prompt (twice), or read from standard input when that is not a terminal
The passphrase is never taken from the command line. Restore with "sitedesk restore FILE".`;

const MIN_PASSPHRASE = 8;

/** The backup's passphrase: from a file, else a hidden prompt (typed twice), else stdin. */
export async function backupPassphrase(
  io: CliIo,
  file: string | undefined,
  confirm: boolean,
): Promise<string> {
  const passphrase =
    file !== undefined
      ? await readPassphraseFile(resolve(file))
      : await readSecret(io, 'Backup passphrase (input hidden): ');
  if (confirm && file === undefined && io.stdin.isTTY) {
    const again = await readSecret(io, 'The same passphrase again: ');
    if (again !== passphrase)
      throw new UsageError('The two passphrases differ; nothing was written.');
  }
  return passphrase;
}

/** `sitedesk backup`. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'write a backup file: database, files, settings and the secrets (encrypted)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      to: { type: 'string' },
      'passphrase-file': { type: 'string' },
    });
    if (values.help) {
      println(io.stdout, help);
      return ExitCode.ok;
    }
    if (positionals.length > 0)
      throw new UsageError(`backup takes no arguments (got "${positionals[0]}"); use --to FILE.`);
    const runtime = await openRuntime(io.env);
    const { config } = runtime;
    const now = new Date();
    const to = resolve(values.to ?? `${backupFolder(config)}/${backupFileName(now)}`);
    const passphrase = await backupPassphrase(io, values['passphrase-file'], true);
    if (passphrase.length < MIN_PASSPHRASE)
      throw new UsageError(
        `The passphrase must have at least ${MIN_PASSPHRASE} characters; nothing was written.`,
      );
    const result = await createBackup(
      {
        dataDir: config.dataDir,
        to,
        passphrase,
        sitedeskVersion: version(),
        settings: settingsWithoutSecrets(config),
        now,
      },
      { secrets: runtime.secrets.store },
    );
    await recordBackup(config.dataDir, {
      at: now.toISOString(),
      ok: true,
      file: result.file,
      bytes: result.bytes,
      scheduled: false,
    });
    const rows = Object.values(result.tables).reduce((sum, n) => sum + n, 0);
    println(
      io.stderr,
      `Wrote ${result.file} (${formatBytes(result.bytes)}): ${rows} rows in ${Object.keys(result.tables).length} tables, ${result.files} files, ${result.secrets} secrets (encrypted).`,
    );
    println(io.stdout, result.file);
    return ExitCode.ok;
  },
};

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

import { resolve } from 'node:path';
import { restoreBackup } from '../../tasks/backup/index.js';
import { parseCommandArgs, println, UsageError, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { openRuntime } from '../runtime.js';
import { backupPassphrase } from './backup.js';
import { loadConfig } from '../../shared/config.js';

const help = `Usage: sitedesk restore FILE [--force] [--passphrase-file FILE]

Restores a backup written by "sitedesk backup" into the data folder (SITEDESK_DATA_DIR),
which must be empty or not exist yet. Everything is unpacked beside it and checked first —
the passphrase, every part against the sealed manifest, the database's integrity and its rows
per table — and only then moved in; a file that was cut short, changed, or a wrong passphrase
is refused with nothing written. The secrets go into the secret store this installation uses
(SITEDESK_SECRET_STORE), and the uploads' paths are moved to the new folder.
  --force                 restore into a data folder that holds data, replacing its database
                          and files (stop the service first)
  --passphrase-file FILE  read the passphrase from FILE; otherwise a hidden prompt, or
                          standard input when that is not a terminal
Then start sitedesk ("sitedesk serve") and check it with "sitedesk doctor".`;

/** `sitedesk restore FILE`. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore a backup file into an empty data folder',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      force: { type: 'boolean' },
      'passphrase-file': { type: 'string' },
    });
    if (values.help) {
      println(io.stdout, help);
      return ExitCode.ok;
    }
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0)
      throw new UsageError(
        'restore takes one FILE, e.g. "sitedesk restore sitedesk-backup-2026-12-05T19-00-00Z.tar.gz".',
      );
    // Only the configuration now: the secret store is opened after the backup proved good, so a
    // refused restore leaves even the key file of an encrypted secret file unwritten.
    const config = loadConfig(io.env);
    const passphrase = await backupPassphrase(io, values['passphrase-file'], false);
    const result = await restoreBackup(
      { file: resolve(file), dataDir: config.dataDir, passphrase, force: values.force === true },
      {
        openSecrets: async () => {
          const runtime = await openRuntime(io.env);
          return runtime.secrets.store;
        },
      },
    );
    const rows = Object.values(result.manifest.tables).reduce((sum, n) => sum + n, 0);
    println(
      io.stderr,
      `Restored the backup of ${result.manifest.createdAt} (sitedesk ${result.manifest.sitedeskVersion}) into ${config.dataDir}: ${rows} rows, ${result.files} files, ${result.manifest.secrets} secrets. Start it with "sitedesk serve".`,
    );
    return ExitCode.ok;
  },
};

import { databaseUrlSchema, describeDatabaseUrl } from '../../shared/database-url.js';
import { loadConfig } from '../../shared/config.js';
import { createLogger, logDestination } from '../../shared/logger.js';
import { copySqliteToPostgres } from '../../store/copy-to-postgres.js';
import { openStore, type Store } from '../../store/index.js';
import { parseCommandArgs, println, UsageError, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';

const help = `Usage: sitedesk migrate-to-postgres --to URL [--force]

Copies this installation's SQLite database (in the data folder) into a PostgreSQL database,
row for row, and checks every table by its row count and a checksum of its rows. The target
gets the same schema first; the copy is one transaction (all or nothing). Stop sitedesk
before: the SQLite file is locked for writing while it is copied. Afterwards set
SITEDESK_DATABASE_URL to the same URL. The SQLite file is left as it was.
  --to URL    the PostgreSQL database, e.g. postgres://sitedesk:PASSWORD@127.0.0.1:5432/sitedesk
              (or put the password in ~/.pgpass / PGPASSWORD and leave it out of the URL)
  --force     replace the rows a non-empty target already holds (refused without it)`;

/** `sitedesk migrate-to-postgres`: the SQLite installation copied into PostgreSQL, checked. */
export const migrateToPostgresCommand: Command = {
  name: 'migrate-to-postgres',
  summary: 'copy this installation from SQLite into PostgreSQL, checked row for row',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, {
      to: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (values.help) {
      println(io.stdout, help);
      return ExitCode.ok;
    }
    if (positionals.length)
      throw new UsageError(`migrate-to-postgres takes no arguments (got "${positionals[0]}").`);
    const to = databaseUrlSchema.safeParse(values.to ?? '');
    if (values.to === undefined || !to.success)
      throw new UsageError(
        `--to ${values.to === undefined ? 'is required' : (to.error?.issues[0]?.message ?? 'is not valid')}. Example: --to postgres://sitedesk:PASSWORD@127.0.0.1:5432/sitedesk`,
      );
    const config = loadConfig(io.env);
    const logger = createLogger({
      level: 'error',
      destination: logDestination(config.logFormat, 2),
    });
    const shown = describeDatabaseUrl(to.data);
    const opened: Store[] = [];
    try {
      const source = await openStore({ dataDir: config.dataDir }, { logger });
      opened.push(source);
      const target = await openStore({ dataDir: config.dataDir, databaseUrl: to.data }, { logger });
      opened.push(target);
      println(io.stdout, `Copying ${source.filename} into ${shown}`);
      const copies = await copySqliteToPostgres(source, target, {
        replace: values.force === true,
        onTable: (c) =>
          println(
            io.stdout,
            `  ${c.table.padEnd(24)} ${String(c.rows).padStart(8)} rows  ${c.rows === c.targetRows && c.checksum === c.targetChecksum ? 'same' : 'DIFFERENT'}  ${c.targetChecksum.slice(0, 12)}`,
          ),
      });
      const total = copies.reduce((sum, c) => sum + c.rows, 0);
      println(
        io.stdout,
        `Done: ${copies.length} tables, ${total} rows, every count and checksum the same. Now set SITEDESK_DATABASE_URL to this database and start sitedesk.`,
      );
      return ExitCode.ok;
    } finally {
      for (const store of opened) await store.close();
    }
  },
};

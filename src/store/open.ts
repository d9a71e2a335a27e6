import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { SitedeskError, messageOf } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Dialect } from './dialect.js';
import { migrate } from './migrate.js';
import { openPostgresStore } from './open-postgres.js';
import type { Database } from './schema.js';
import { createFastReads, type FastReads } from './fast-reads.js';
import { withStatementCache } from './statement-cache.js';

/** The database file's name inside `config.dataDir`. */
export const DATABASE_FILE = 'sitedesk.db';

/** An open database: the typed query builder and a way to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  /** The file in use, `:memory:`, or the PostgreSQL URL without its password. */
  readonly filename: string;
  /** The engine: the embedded SQLite file (default) or PostgreSQL (`SITEDESK_DATABASE_URL`). */
  readonly dialect: Dialect;
  /** Synchronous SQLite reads and the change token for the task list's hot path. */
  readonly fast?: FastReads;
  close(): Promise<void>;
}

/**
 * Where the database lives: `databaseUrl` (PostgreSQL) when set, else `dataDir` (file
 * `sitedesk.db` inside it) or `:memory:` for tests.
 */
export interface StoreConfig {
  dataDir: string;
  /** A `postgres://` URL (validated by the config's schema): the store is on PostgreSQL. */
  databaseUrl?: string;
  /** How long a writer waits for another process's lock before failing, in ms; default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens the store the configuration names (PostgreSQL when `databaseUrl` is set, else the
 * SQLite file) and brings its schema up to date.
 */
export async function openStore(
  config: StoreConfig,
  deps: { logger?: Logger } = {},
): Promise<Store> {
  if (config.databaseUrl !== undefined) return openPostgresStore(config.databaseUrl, deps);
  return openSqliteStore(config, deps);
}

/**
 * Opens (creating when needed) the SQLite database and brings its schema up to date.
 * WAL lets the HTTP server read while the runner writes; foreign keys are on; a locked
 * database is waited for (`busy_timeout`) rather than failing at once.
 */
async function openSqliteStore(
  config: StoreConfig,
  deps: { logger?: Logger } = {},
): Promise<Store> {
  const memory = config.dataDir === ':memory:';
  const filename = memory ? ':memory:' : join(config.dataDir, DATABASE_FILE);
  let sqlite: SqliteDatabase.Database;
  try {
    if (!memory) mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    sqlite = new SqliteDatabase(filename);
  } catch (error) {
    throw new SitedeskError(
      'store_unavailable',
      `Cannot open the database ${filename}: ${messageOf(error)}. Check that SITEDESK_DATA_DIR is a writable folder, e.g. SITEDESK_DATA_DIR=/var/lib/sitedesk`,
      { cause: error },
    );
  }
  if (!memory) {
    sqlite.pragma('journal_mode = WAL');
    keepPrivate(config.dataDir, filename, deps.logger);
  }
  // NORMAL is durable against a process crash in WAL mode (only a power loss can drop the
  // last commits) and several times faster than FULL for the runner's many small writes.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(config.busyTimeoutMs ?? 5000))}`);

  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  try {
    await migrate(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Keeps the query planner's statistics fresh (https://sqlite.org/lang_analyze.html#pragopt):
  // 0x10002 on open also analyses tables that never were; plain `optimize` before closing.
  sqlite.pragma('optimize = 0x10002');
  deps.logger?.debug({ filename }, 'database open');
  return {
    db,
    filename,
    dialect: 'sqlite',
    fast: createFastReads(sqlite),
    close: async () => {
      if (sqlite.open) sqlite.pragma('optimize');
      await db.destroy();
    },
  };
}

/**
 * The database holds clients' mail, requests and history: its files (and WAL/SHM beside it)
 * are made 0600 whatever the umask. The folder was made 0700 when sitedesk created it; one
 * that others can read (made by someone else) is not changed, only said loudly.
 */
function keepPrivate(dataDir: string, filename: string, logger: Logger | undefined): void {
  for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) !== 0)
    logger?.warn(
      { dataDir, mode: mode.toString(8) },
      `The data folder ${dataDir} can be read by other users of this computer (mode ${mode.toString(8)}); make it private with: chmod 700 ${dataDir}`,
    );
}

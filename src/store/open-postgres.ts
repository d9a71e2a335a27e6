import { Kysely } from 'kysely';
import pg from 'pg';
import { SitedeskError, messageOf } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { describeDatabaseUrl } from '../shared/database-url.js';
import { migrate } from './migrate.js';
import type { Store } from './open.js';
import {
  integersAsBigint,
  SerialWritesPostgresDialect,
  sqliteLikeTypes,
} from './postgres-dialect.js';
import type { Database } from './schema.js';

/** Connections per store (per sitedesk process); PostgreSQL's default limit is 100 in all. */
export const DEFAULT_POOL_SIZE = 10;

/**
 * Planner costs for every session of the store. PostgreSQL's default random_page_cost (4)
 * prices a page read out of order as on a spinning disk; sitedesk's tables sit in memory or on
 * SSD. With 4, a filtered page in id order (`status = 'open' ORDER BY id DESC OFFSET 950`)
 * walked the primary key and threw away 18,000 rows (14 ms at a million tasks) instead of
 * reading the 1,000 it needs from the (status, id) index (about 1 ms): bench:scale prints both.
 */
export const PLANNER_OPTIONS = '-c random_page_cost=1.1';

/**
 * Opens a store on the PostgreSQL database at `url` and brings its schema up to date (the
 * same migrations as on SQLite; several instances starting at once migrate once, behind
 * Kysely's migration lock). The URL's password never reaches a log or an error.
 */
export async function openPostgresStore(
  url: string,
  deps: {
    logger?: Logger;
    poolSize?: number;
    /** PostgreSQL's own planner costs instead of PLANNER_OPTIONS (bench:scale's "before"). */
    plannerDefaults?: boolean;
  } = {},
): Promise<Store> {
  const shown = describeDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: deps.poolSize ?? DEFAULT_POOL_SIZE,
    types: sqliteLikeTypes,
    application_name: 'sitedesk',
    ...(deps.plannerDefaults ? {} : { options: PLANNER_OPTIONS }),
  });
  // An idle connection the server closed (restart, failover) must not end the process.
  pool.on('error', (error) =>
    deps.logger?.warn({ database: shown, err: messageOf(error) }, 'database connection lost'),
  );
  try {
    const client = await pool.connect();
    try {
      await warnUnlessByteOrder(client, shown, deps.logger);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new SitedeskError(
      'store_unavailable',
      `Cannot connect to the database ${shown}: ${messageOf(error)}. Check SITEDESK_DATABASE_URL, e.g. SITEDESK_DATABASE_URL=postgres://sitedesk:PASSWORD@127.0.0.1:5432/sitedesk`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({
    dialect: new SerialWritesPostgresDialect({ pool }),
    plugins: [integersAsBigint],
  });
  try {
    await migrate(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  deps.logger?.debug({ database: shown }, 'database open');
  return { db, filename: shown, dialect: 'postgres', close: () => db.destroy() };
}

// Ids and ISO timestamps are compared and sorted as text (keyset paging, due ranges). SQLite
// compares bytes; a database created with a language collation (en_US.UTF-8) orders some text
// differently, so say so (docs/operator/postgresql.md shows how to create it with C).
async function warnUnlessByteOrder(
  client: pg.PoolClient,
  shown: string,
  logger: Logger | undefined,
): Promise<void> {
  const { rows } = await client.query<{ collation: string }>(
    'select datcollate as collation from pg_database where datname = current_database()',
  );
  const collation = rows[0]?.collation ?? '';
  if (collation !== 'C' && collation !== 'POSIX' && !collation.startsWith('C.'))
    logger?.warn(
      { database: shown, collation },
      `The database ${shown} sorts text by ${collation}; sitedesk expects the C collation (create it with: CREATE DATABASE sitedesk TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8')`,
    );
}

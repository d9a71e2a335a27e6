import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { SitedeskError } from '../shared/errors.js';
import type { Store } from './open.js';

/** Each migration ledger belongs to the database it describes: the target has its own. */
const LEDGERS =
  /^(kysely_migration|kysely_migration_lock|accounts_migration|accounts_migration_lock)$/;

/** One table as copied: rows on each side and an order-independent checksum of each. */
export interface TableCopy {
  table: string;
  rows: number;
  targetRows: number;
  checksum: string;
  targetChecksum: string;
}

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Copies every table of a SQLite store into a migrated, empty PostgreSQL store, row for row,
 * in one PostgreSQL transaction, and checks each table by its row count and a checksum over
 * its rows read back from both sides. The source is read inside one SQLite write transaction
 * (`begin immediate`): no sitedesk process can change it meanwhile. A target holding any row is
 * refused unless `replace` (then its rows are deleted first, in the same transaction). Throws
 * `store_copy_mismatch` naming the tables that differ; nothing is committed then.
 */
export async function copySqliteToPostgres(
  source: Store,
  target: Store,
  options: { replace?: boolean; onTable?: (copy: TableCopy) => void } = {},
): Promise<TableCopy[]> {
  if (source.dialect !== 'sqlite' || target.dialect !== 'postgres')
    throw new Error('copies from a SQLite store to a PostgreSQL store');
  const from = source.db as unknown as AnyDb;
  const to = target.db as unknown as AnyDb;
  return from.transaction().execute(async (read) => {
    const tables = await sqliteTables(read);
    return to.transaction().execute(async (write) => {
      const targetTables = new Set(
        (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(write)
        ).rows.map((r) => r.name),
      );
      for (const { name } of tables) {
        if (!targetTables.has(name))
          throw new SitedeskError(
            'store_copy_mismatch',
            `The PostgreSQL database has no table "${name}": is it on an older sitedesk version than the SQLite file?`,
          );
      }
      const filled = [];
      for (const { name } of tables) {
        const n = await count(write, name);
        if (n > 0) filled.push(`${name} (${n})`);
      }
      if (filled.length > 0) {
        if (!options.replace)
          throw new SitedeskError(
            'store_not_empty',
            `The PostgreSQL database already holds data: ${filled.join(', ')}. Copy into an empty database, or replace its rows with --force.`,
          );
        await sql`truncate ${sql.join(tables.map((t) => sql.table(t.name)))} cascade`.execute(
          write,
        );
      }
      const copies: TableCopy[] = [];
      for (const { name, columns } of tables) {
        const rows = await read.selectFrom(name).select(columns).execute();
        // PostgreSQL takes at most 65535 parameters per statement.
        const batch = Math.max(1, Math.floor(30_000 / columns.length));
        for (let i = 0; i < rows.length; i += batch)
          await write
            .insertInto(name)
            .values(rows.slice(i, i + batch))
            .execute();
        const back = await write.selectFrom(name).select(columns).execute();
        const copy: TableCopy = {
          table: name,
          rows: rows.length,
          targetRows: back.length,
          checksum: checksum(rows, columns),
          targetChecksum: checksum(back, columns),
        };
        options.onTable?.(copy);
        copies.push(copy);
      }
      const wrong = copies.filter(
        (c) => c.rows !== c.targetRows || c.checksum !== c.targetChecksum,
      );
      if (wrong.length > 0)
        throw new SitedeskError(
          'store_copy_mismatch',
          `The copy differs from the SQLite file in ${wrong.map((c) => c.table).join(', ')}; nothing was kept.`,
        );
      return copies;
    });
  });
}

/** The data tables of the SQLite file with their columns, parents before children (foreign keys). */
async function sqliteTables(db: AnyDb): Promise<{ name: string; columns: string[] }[]> {
  const names = (
    await sql<{ name: string }>`select name from sqlite_master
      where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((name) => !LEDGERS.test(name));
  const parents = new Map<string, string[]>();
  const columns = new Map<string, string[]>();
  for (const name of names) {
    const keys = await sql<{
      table: string;
    }>`select "table" from pragma_foreign_key_list(${name})`.execute(db);
    parents.set(
      name,
      keys.rows.map((k) => k.table).filter((t) => t !== name),
    );
    const cols = await sql<{
      name: string;
    }>`select name from pragma_table_info(${name}) order by cid`.execute(db);
    columns.set(
      name,
      cols.rows.map((c) => c.name),
    );
  }
  const ordered: string[] = [];
  const visit = (name: string, path: string[]): void => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const parent of parents.get(name) ?? [])
      if (names.includes(parent)) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name, []);
  return ordered.map((name) => ({ name, columns: columns.get(name) ?? [] }));
}

async function count(db: AnyDb, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * SHA-256 over the sorted hashes of the rows (each row as JSON of its values in column order):
 * the same on both engines whatever order each returns rows in or how it sorts text.
 */
function checksum(rows: Record<string, unknown>[], columns: string[]): string {
  const hashes = rows
    .map((row) =>
      createHash('sha256')
        .update(JSON.stringify(columns.map((c) => row[c] ?? null)))
        .digest('hex'),
    )
    .sort();
  const all = createHash('sha256');
  for (const hash of hashes) all.update(hash);
  return all.digest('hex');
}

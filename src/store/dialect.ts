import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** Which SQL engine a store runs on; only src/store branches on it. */
export type Dialect = 'sqlite' | 'postgres';

/** The engine behind `db` (a store, or a transaction on one). */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The text at `path` inside a JSON text column (null when absent), e.g.
 * `jsonText(db, 'details', ['urgent', 'state'])`. JSON is stored as text on both engines:
 * SQLite reads it with json_extract, PostgreSQL casts it to jsonb first.
 */
export function jsonText(
  db: Pick<Kysely<unknown>, 'getExecutor'>,
  column: string,
  path: readonly string[],
): RawBuilder<string | null> {
  if (path.some((key) => !/^[A-Za-z0-9_]+$/.test(key)))
    throw new Error(`JSON path keys are plain names, not ${path.join('.')}`);
  if (dialectOf(db) === 'postgres')
    return sql<string | null>`(${sql.ref(column)}::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})`;
  return sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${path.join('.')}`)})`;
}

/**
 * A table of the elements of the JSON array in `column` (one row per element, its column
 * `value` holding the element as JSON), for `FROM t, ${jsonElements(...)} AS j`; read a key of
 * an element with `jsonText(db, 'j.value', [key])`. With `path`, the array under those keys of
 * the column's object (no rows when it is absent).
 */
export function jsonElements(
  db: Pick<Kysely<unknown>, 'getExecutor'>,
  column: string,
  path: readonly string[] = [],
): RawBuilder<unknown> {
  if (path.some((key) => !/^[A-Za-z0-9_]+$/.test(key)))
    throw new Error(`JSON path keys are plain names, not ${path.join('.')}`);
  if (dialectOf(db) === 'postgres')
    return path.length
      ? sql`jsonb_array_elements(${sql.ref(column)}::jsonb #> ${sql.lit(`{${path.join(',')}}`)}) AS j(value)`
      : sql`jsonb_array_elements(${sql.ref(column)}::jsonb) AS j(value)`;
  return path.length
    ? sql`json_each(${sql.ref(column)}, ${sql.lit(`$.${path.join('.')}`)}) AS j`
    : sql`json_each(${sql.ref(column)}) AS j`;
}

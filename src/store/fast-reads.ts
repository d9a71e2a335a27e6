import type SqliteDatabase from 'better-sqlite3';

/**
 * Synchronous reads straight from SQLite for the hottest path (the task list), next to Kysely.
 * SQLite only: a store on another database has none, and its callers use Kysely instead.
 */
export interface FastReads {
  /**
   * A token that differs whenever the database may have changed since it was last taken: a
   * commit by another connection or process (`PRAGMA data_version`) or any change on this
   * connection (`total_changes()`). Undefined while this connection is inside a transaction,
   * whose uncommitted rows no cache may keep. Take it *before* reading, so what is read is at
   * least as new as the token it is kept under.
   */
  version(): string | undefined;
  /**
   * The rows of a SELECT as arrays, in the order of its columns (no object per row), or
   * undefined while this connection is inside a transaction (ask Kysely then: it waits for
   * the transaction's end, where a read here would see its uncommitted rows).
   */
  rows(sql: string, parameters: readonly unknown[]): unknown[][] | undefined;
}

/** FastReads on a better-sqlite3 connection; statements are prepared once (at most `size` kept). */
export function createFastReads(sqlite: SqliteDatabase.Database, size = 200): FastReads {
  const statements = new Map<string, SqliteDatabase.Statement<unknown[], unknown[]>>();
  // Two plain statements: the table-valued `pragma_data_version` costs half as much again.
  let dataVersion: SqliteDatabase.Statement<[], number> | undefined;
  let totalChanges: SqliteDatabase.Statement<[], number> | undefined;
  return {
    version() {
      if (sqlite.inTransaction) return undefined;
      dataVersion ??= sqlite.prepare<[], number>('pragma data_version').pluck(true);
      totalChanges ??= sqlite.prepare<[], number>('select total_changes()').pluck(true);
      return `${dataVersion.get() ?? 0}.${totalChanges.get() ?? 0}`;
    },
    rows(sql, parameters) {
      if (sqlite.inTransaction) return undefined;
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare<unknown[], unknown[]>(sql).raw(true);
        statements.set(sql, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value as string);
      }
      // A statement still being iterated cannot run again; that never happens to one used
      // only here (all() finishes before returning), but say so rather than share it.
      if (statement.busy) return undefined;
      return statement.all(...parameters);
    },
  };
}

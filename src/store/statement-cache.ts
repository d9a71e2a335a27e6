import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

/**
 * The connection Kysely sees, with prepared statements reused: Kysely's SQLite driver
 * prepares every query anew, and preparing costs as much as running a small query. The task
 * list sends the same few dozen SQL texts over and over, so a bounded cache (oldest out)
 * halves the time of the short queries. A statement still being iterated is never shared.
 */
export function withStatementCache(
  sqlite: SqliteDatabase.Database,
  size = 500,
): KyselySqliteDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      // Kysely opens a transaction with a plain (deferred) `begin`. With several sitedesk
      // processes on one WAL database, a deferred transaction that read first and writes later
      // fails at once with SQLITE_BUSY when another process wrote in between (busy_timeout does
      // not help then); `begin immediate` takes the write lock at the start, waiting for it.
      const sql = text === 'begin' ? 'begin immediate' : text;
      const cached = cache.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}

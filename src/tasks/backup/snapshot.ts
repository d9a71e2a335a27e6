/**
 * The database part of a backup: SQLite's online backup API through better-sqlite3
 * (https://www.sqlite.org/backup.html), which copies a consistent state while the service
 * keeps writing in WAL mode — in another process too, since it goes through SQLite's locks.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { DATABASE_FILE } from '../../store/index.js';
import { BackupError } from './format.js';

/** Copies `<dataDir>/sitedesk.db` into `target` (a new file) while others may write to it. */
export async function snapshotDatabase(dataDir: string, target: string): Promise<void> {
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source))
    throw new BackupError(
      'backup_no_database',
      `There is no database in ${dataDir} (no ${DATABASE_FILE}); check SITEDESK_DATA_DIR, e.g. SITEDESK_DATA_DIR=/var/lib/sitedesk`,
    );
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(target);
  } finally {
    db.close();
  }
}

/** Rows per table of the database file `path` (every table, sqlite's own excepted), by name. */
export function countRows(path: string): Record<string, number> {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const row = db.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as {
        n: number;
      };
      counts[name] = row.n;
    }
    return counts;
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of a database file: 'ok' or SQLite's first complaint. */
export function integrityOf(path: string): string {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const row = db.pragma('integrity_check', { simple: true });
    return String(row);
  } finally {
    db.close();
  }
}

/**
 * Points the uploads' stored paths at the folder the backup is restored into (they are saved
 * absolute, under the data folder they were uploaded into).
 */
export function moveUploadPaths(path: string, fromDataDir: string, toDataDir: string): number {
  if (fromDataDir === toDataDir) return 0;
  const db = new SqliteDatabase(path, { fileMustExist: true });
  try {
    const exists = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'uploads'")
      .get();
    if (!exists) return 0;
    const from = fromDataDir.endsWith('/') ? fromDataDir : `${fromDataDir}/`;
    const to = toDataDir.endsWith('/') ? toDataDir : `${toDataDir}/`;
    return db
      .prepare('UPDATE uploads SET path = ? || substr(path, ?) WHERE substr(path, 1, ?) = ?')
      .run(to, from.length + 1, from.length, from).changes;
  } finally {
    db.close();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore, type Store } from '../../../src/store/index.js';

describe('store fast reads (the task list hot path)', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function fileStore(): Promise<{ store: Store; dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'sitedesk-fast-reads-'));
    const store = await openStore({ dataDir: dir });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanup.push(() => store.close());
    return { store, dir };
  }

  const addClient = (store: Store, id: string) =>
    store.db
      .insertInto('clients')
      .values({
        id,
        name: `Client ${id}`,
        timezone: 'UTC',
        languages: '[]',
        contact: '{}',
        availability: '{}',
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();

  it('moves the version with a change on its own connection and with a commit by another connection', async () => {
    const { store, dir } = await fileStore();
    const fast = store.fast;
    if (!fast) throw new Error('a SQLite store has fast reads');
    const start = fast.version();
    expect(fast.version()).toBe(start);
    await addClient(store, 'c1');
    const afterOwn = fast.version();
    expect(afterOwn).not.toBe(start);
    // Another process on the same file: a connection of its own.
    const other = new SqliteDatabase(join(dir, DATABASE_FILE));
    other.prepare("update clients set name = 'Renamed' where id = 'c1'").run();
    other.close();
    expect(fast.version()).not.toBe(afterOwn);
    expect(fast.rows('select id, name from clients where id = ?', ['c1'])).toEqual([
      ['c1', 'Renamed'],
    ]);
  });

  it('gives no version and no rows inside a transaction (its rows are not committed yet)', async () => {
    const { store } = await fileStore();
    const fast = store.fast;
    if (!fast) throw new Error('a SQLite store has fast reads');
    const seen: unknown[] = [];
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('clients')
        .values({
          id: 'c2',
          name: 'Uncommitted',
          timezone: 'UTC',
          languages: '[]',
          contact: '{}',
          availability: '{}',
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      seen.push(fast.version(), fast.rows('select id from clients', []));
    });
    expect(seen).toEqual([undefined, undefined]);
    expect(fast.version()).toMatch(/^\d+\.\d+$/);
    expect(fast.rows('select id from clients', [])).toEqual([['c2']]);
  });
});

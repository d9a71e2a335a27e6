/**
 * The store on a real PostgreSQL: the same migrations make the same tables and columns as on
 * SQLite, whole numbers keep SQLite's 64-bit range, the history stays append-only, JSON text is
 * read by the dialect helpers, and the URL's password is never shown.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { jsonText, openStore, type Store } from '../../../src/store/index.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();

async function columnsOf(store: Store): Promise<string[]> {
  const query =
    store.dialect === 'postgres'
      ? sql<{
          c: string;
        }>`select table_name || '.' || column_name as c from information_schema.columns
          where table_schema = current_schema()`
      : sql<{
          c: string;
        }>`select m.name || '.' || p.name as c from sqlite_master m, pragma_table_info(m.name) p
          where m.type = 'table' and m.name not like 'sqlite_%'`;
  return (await query.execute(store.db)).rows.map((r) => r.c).sort();
}

describe('the store on PostgreSQL', () => {
  it('has the same tables and columns as on SQLite, and names the database without its password', async () => {
    const url = new URL(await postgres.freshDatabase());
    url.password = 'hidden-4c1e';
    const pg = await postgres.open(url.toString());
    const lite = await openStore({ dataDir: ':memory:' });
    try {
      expect(pg.dialect).toBe('postgres');
      expect(pg.filename).not.toContain('hidden-4c1e');
      expect(pg.filename).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/t\d+$/);
      expect(await columnsOf(pg)).toEqual(await columnsOf(lite));
    } finally {
      await lite.close();
    }
  });

  it('keeps epoch milliseconds (64-bit), counts as numbers, the history append-only and JSON readable', async () => {
    const store = await postgres.open();
    const expires = Date.UTC(2026, 11, 5, 21);
    const nonces = store.db.withTables<{ webhook_nonces: { id: string; expires_at: number } }>();
    await nonces.insertInto('webhook_nonces').values({ id: 'n1', expires_at: expires }).execute();
    const row = await nonces
      .selectFrom('webhook_nonces')
      .select(['expires_at', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('expires_at')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ expires_at: expires, n: 1 });

    await store.db
      .insertInto('history')
      .values({
        id: 'H1',
        entity: 'task',
        entity_id: 'T1',
        task_id: null,
        action: 'created',
        actor: 'anna',
        at: '2026-03-02T08:00:00.000Z',
        changes: JSON.stringify({ urgent: { state: 'pending' } }),
      })
      .execute();
    await expect(
      store.db.updateTable('history').set({ actor: 'x' }).where('id', '=', 'H1').execute(),
    ).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('history').execute()).rejects.toThrow(/append-only/);
    const state = await store.db
      .selectFrom('history')
      .select(jsonText(store.db, 'changes', ['urgent', 'state']).as('state'))
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('pending');
  });

  it('says which database it cannot reach, without the password', async () => {
    const url = new URL(postgres.server.url('postgres'));
    url.port = '1';
    url.password = 'hidden-77aa';
    const failed = await openStore({ dataDir: ':memory:', databaseUrl: url.toString() }).then(
      () => undefined,
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failed?.code).toBe('store_unavailable');
    expect(failed?.message).toMatch(
      /Cannot connect to the database postgres:\/\/postgres@127\.0\.0\.1:1\/postgres/,
    );
    expect(failed?.message).not.toContain('hidden-77aa');
  });
});

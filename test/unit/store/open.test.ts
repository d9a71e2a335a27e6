import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../src/shared/clock.js';
import {
  appendHistory,
  createIdGenerator,
  openStore,
  type Store,
} from '../../../src/store/index.js';

const opened: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(dataDir: string): Promise<Store> {
  const store = await openStore({ dataDir });
  opened.push(store);
  return store;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitedesk-store-'));
  dirs.push(dir);
  return dir;
}

describe('openStore', () => {
  it('creates sitedesk.db in the data folder with WAL, foreign keys and a busy timeout', async () => {
    const dir = join(tempDir(), 'nested');
    const store = await open(dir);
    expect(store.filename).toBe(join(dir, 'sitedesk.db'));
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(store.db);
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    const busy = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(store.db);
    expect(busy.rows[0]?.timeout).toBe(5000);
  });

  it('migrates once: reopening keeps the data and runs nothing twice', async () => {
    const dir = tempDir();
    const first = await open(dir);
    await first.db
      .insertInto('clients')
      .values({
        id: 'C1',
        name: 'Bakery',
        timezone: 'Europe/Prague',
        languages: '[]',
        contact: '{}',
        availability: '[]',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = await open(dir);
    const rows = await second.db.selectFrom('clients').select('name').execute();
    expect(rows).toEqual([{ name: 'Bakery' }]);
    const migrations = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(
      second.db,
    );
    expect(migrations.rows.map((r) => r.name)).toEqual([
      '0001-initial',
      '0002-verification',
      '0003-mail-calls',
      '0004-uploads',
      '0005-site-checks',
      '0006-publication-leases',
      '0007-site-regions',
      '0008-draft-plans',
      '0009-mail-recovery',
      '0010-conflicts-leases',
      '0011-meetings',
      '0012-letters',
      '0014-mail-intake-heartbeat',
      '0015-accounts',
      '0018-history-erasure',
      '0019-login-failures',
      '0020-letterhead-archive',
      '0021-live-events',
    ]);
  });

  it('enforces foreign keys', async () => {
    const store = await open(':memory:');
    const insert = store.db
      .insertInto('sites')
      .values({
        id: 'S1',
        client_id: 'missing',
        name: 'x',
        kind: 'git',
        url: 'https://x',
        settings: '{}',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    await expect(insert).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keeps the history append-only', async () => {
    const store = await open(':memory:');
    const newId = createIdGenerator(createFakeClock());
    await appendHistory(store.db, newId, {
      entity: 'client',
      entityId: 'C1',
      action: 'created',
      actor: 'anna',
      at: 'now',
      changes: { a: 1 },
    });
    await expect(
      store.db.updateTable('history').set({ actor: 'mallory' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('history').execute()).rejects.toThrow(/append-only/);
    const rows = await store.db.selectFrom('history').select(['actor', 'changes']).execute();
    expect(rows).toEqual([{ actor: 'anna', changes: '{"a":1}' }]);
  });

  it('says which folder is wrong when the database cannot be opened', async () => {
    const file = join(tempDir(), 'plain-file');
    await import('node:fs').then((fs) => fs.writeFileSync(file, 'x'));
    await expect(openStore({ dataDir: file })).rejects.toMatchObject({
      code: 'store_unavailable',
      message: expect.stringContaining('SITEDESK_DATA_DIR'),
    });
  });
});

describe('createIdGenerator', () => {
  it('makes 26-character ids that sort in creation order, also within one millisecond', async () => {
    const clock = createFakeClock();
    const newId = createIdGenerator(clock);
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++) {
      ids.push(newId());
      if (i % 100 === 0) await clock.advance(1);
    }
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

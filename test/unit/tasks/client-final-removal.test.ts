// Final removal of a leaving client (issue 21), through `sitedesk client remove --final` on a
// real file database, the real encrypted file secret store and a real data folder. Every table
// of the migrated database (listed from sqlite_master, so a new one is not missed) and every
// file of the data folder are scanned for the client's name, e-mail and a string of its texts;
// the other client's rows are compared whole, before and after.
import { readdir, readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { openAccounts, withWorkspace } from '../../../src/cli/workspace.js';
import {
  TABLES_WITHOUT_CLIENT_DATA,
  tablesWithClientData,
} from '../../../src/tasks/clients/final/index.js';
import type { Database } from '../../../src/store/index.js';
import { captureIo } from '../cli/cli-io.js';
import { seedClient, type Seeded } from './client-final-seed.js';

const NAME = 'Bakery Novák';
const EMAIL = 'jana@bakery-novak.example';
const MARKER = 'kolache-7f3a9c-secret-recipe';
const NEEDLES = [NAME, EMAIL, MARKER];

let root: string;
let env: NodeJS.ProcessEnv;
let leaving: Seeded;
let staying: Seeded;
/** Every row of every table with only the staying client in it. */
let before: Map<string, unknown[]>;

async function cli(args: string[]) {
  const run = captureIo(env);
  const code = await runCli(args, run.io);
  return { code, out: run.out(), err: run.err() };
}

/** The tables of the database as SQLite lists them (its own sqlite_* tables aside). */
async function tables(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
  `.execute(db);
  return rows.rows.map((r) => r.name);
}

async function dump(db: Kysely<Database>): Promise<Map<string, unknown[]>> {
  const out = new Map<string, unknown[]>();
  for (const table of await tables(db)) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    out.set(table, rows.rows.map((r) => JSON.stringify(r)).sort());
  }
  return out;
}

/** `table.column` of each text cell that holds one of the needles. */
async function foundInTables(db: Kysely<Database>): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tables(db)) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
    for (const row of rows.rows)
      for (const [column, value] of Object.entries(row)) {
        const text = typeof value === 'string' ? value : '';
        // Letters keep their PDFs as base64: look inside those too.
        const decoded = /^[A-Za-z0-9+/]{16,}={0,2}$/.test(text)
          ? Buffer.from(text, 'base64').toString('utf8')
          : '';
        if (NEEDLES.some((n) => text.includes(n) || decoded.includes(n)))
          found.push(`${table}.${column}`);
      }
  }
  return [...new Set(found)].sort();
}

/** Files of the data folder whose bytes hold one of the needles. */
async function foundInFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    if (NEEDLES.some((n) => bytes.includes(Buffer.from(n)))) found.push(path);
  }
  return found.sort();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sitedesk-final-removal-'));
  env = { SITEDESK_DATA_DIR: join(root, 'data'), SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
  await withWorkspace(env, async (ws) => {
    await openAccounts(ws);
    staying = await seedClient(ws, 'Florist Kytka', 'eva@kytka.example', 'tulip-aa11-staying');
    before = await dump(ws.store.db);
    leaving = await seedClient(ws, NAME, EMAIL, MARKER);
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('sitedesk client remove --final', () => {
  it('names every table of the database: with client data, or known to hold none', async () => {
    await withWorkspace(env, async (ws) => {
      const known = new Set([...tablesWithClientData(), ...TABLES_WITHOUT_CLIENT_DATA]);
      expect((await tables(ws.store.db)).filter((t) => !known.has(t))).toEqual([]);
      // Each table with client data got rows of the leaving client from the seed, so each
      // deletion below is really exercised.
      const now = await dump(ws.store.db);
      const grown = tablesWithClientData().filter(
        (t) => (now.get(t)?.length ?? 0) > (before.get(t)?.length ?? 0),
      );
      expect(grown.sort()).toEqual(tablesWithClientData().sort());
      expect((await foundInTables(ws.store.db)).length).toBeGreaterThan(25);
    });
    expect((await foundInFiles(join(root, 'data'))).length).toBeGreaterThan(3);
  });

  it('refuses a client in use, then one never exported or changed since its export', async () => {
    const inUse = await cli(['client', 'remove', '--final', NAME]);
    expect(inUse.code).toBe(1);
    expect(inUse.err).toContain('is still in use: archive it first');

    expect((await cli(['client', 'export', NAME, '--to', join(root, 'first.tar.gz')])).code).toBe(
      0,
    );
    // A call taken after the export: the export no longer holds everything.
    await withWorkspace(env, async (ws) => {
      await ws.tasks.createTask(
        {
          clientId: leaving.clientId,
          kind: 'call',
          title: `Late call ${MARKER}`,
          details: { caller: EMAIL, number: '+420123456789', at: new Date().toISOString() },
        },
        { actor: 'anna' },
      );
    });
    expect((await cli(['client', 'remove', NAME])).code).toBe(0);
    const stale = await cli(['client', 'remove', '--final', NAME]);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('changed after its last export');

    const usage = await cli(['client', 'remove', '--without-export', NAME]);
    expect(usage.code).toBe(2);
  });

  it('after a new export, removes every trace of it and nothing of the other client', async () => {
    // Exported after archiving: archiving is not a change that needs another export.
    const exported = await cli(['client', 'export', NAME, '--to', join(root, 'final.tar.gz')]);
    expect(exported.code).toBe(0);
    const removed = await cli(['client', 'remove', '--final', NAME]);
    // The site's and the calendar's secrets went when the client was archived; its mailbox's now.
    expect(removed.err).toMatch(/removed for good: \d+ rows, 6 files or folders and 1 secret /);
    expect(removed.code).toBe(0);

    await withWorkspace(env, async (ws) => {
      expect(await foundInTables(ws.store.db)).toEqual([]);
      const accounts = await ws.secrets.store.list();
      expect(accounts).not.toContain(`site:${leaving.siteId}`);
      expect(accounts).not.toContain(`mailbox:${leaving.mailboxId}`);
      expect(accounts).not.toContain(`calendar:${leaving.calendarId}`);
      expect(accounts).toEqual(
        expect.arrayContaining([
          `site:${staying.siteId}`,
          `mailbox:${staying.mailboxId}`,
          `calendar:${staying.calendarId}`,
        ]),
      );
      // The other client: every row as it was. The history has one line more, anonymous.
      const after = await dump(ws.store.db);
      for (const [table, rows] of before)
        if (table !== 'history') expect({ table, rows: after.get(table) }).toEqual({ table, rows });
      const added = (after.get('history') ?? []).filter(
        (r) => !(before.get('history') ?? []).includes(r),
      );
      expect(added).toHaveLength(1);
      const kept = before.get('history') ?? [];
      expect(kept.filter((r) => !(after.get('history') ?? []).includes(r))).toEqual([]);
      expect(JSON.parse(added[0] as string)).toMatchObject({
        entity: 'client',
        entity_id: leaving.clientId,
        action: 'removed',
        actor: 'anna',
      });
    });
    expect(await foundInFiles(join(root, 'data'))).toEqual([]);
    // The client is gone from the CLI too.
    expect((await cli(['client', 'remove', '--final', NAME])).code).toBe(4);
  });
});

/**
 * Runs a test file's harnesses on PostgreSQL: one real cluster per file (test/env/postgres),
 * a database migrated once as the template, and a fresh copy of it for every harness (CREATE
 * DATABASE … TEMPLATE copies files: much faster than migrating each time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../../src/store/index.js';
import { startPostgres, type PostgresServer } from '../../env/postgres/start.js';
import { markPostgresSuite, useTestStores } from '../../unit/store/test-store.js';

const TEMPLATE = 'sitedesk_template';

/** The running cluster and helpers of one test file. */
export interface PostgresContext {
  server: PostgresServer;
  /** A fresh migrated database (a copy of the template) and its URL. */
  freshDatabase(): Promise<string>;
  /** A store on `url` (default a fresh database); closed after the file. */
  open(url?: string): Promise<Store>;
  /** How many fresh databases were made (a suite checks that its harnesses used them). */
  readonly databasesMade: number;
}

/**
 * Registers the file's hooks: start PostgreSQL and migrate the template before all tests,
 * route openTestStore() to fresh databases, stop everything after. Call at the top of a test
 * file, before importing the shared test files (they open their stores in their own hooks).
 */
export function usePostgres(): PostgresContext {
  markPostgresSuite();
  const opened: Store[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-pg-data-'));
  let server: PostgresServer | undefined;
  let count = 0;
  const context: PostgresContext = {
    get server(): PostgresServer {
      if (!server) throw new Error('PostgreSQL is not started yet (use it inside tests or hooks)');
      return server;
    },
    get databasesMade(): number {
      return count;
    },
    freshDatabase: () => context.server.createDatabase(`t${++count}`, TEMPLATE),
    async open(url) {
      const name = url === undefined ? `t${++count}` : undefined;
      const databaseUrl = url ?? (await context.server.createDatabase(name ?? '', TEMPLATE));
      const store = await openStore({ dataDir, databaseUrl });
      opened.push(store);
      if (name === undefined) return store;
      // A harness's own database goes with it: a hundred left for the end take minutes to delete.
      return {
        ...store,
        close: async () => {
          await store.close();
          await context.server.dropDatabase(name);
        },
      };
    },
  };
  beforeAll(async () => {
    server = await startPostgres();
    const template = await openStore({
      dataDir,
      databaseUrl: await server.createDatabase(TEMPLATE),
    });
    await template.close();
    useTestStores(() => context.open());
  });
  afterAll(async () => {
    useTestStores(undefined);
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
    await server?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return context;
}

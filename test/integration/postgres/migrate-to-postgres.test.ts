/**
 * `sitedesk migrate-to-postgres` on a real SQLite installation and a real PostgreSQL: every row
 * arrives (counts and checksums per table, and the data read back through the task service on
 * PostgreSQL), a non-empty target is refused without --force, the password is never printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { loadConfig } from '../../../src/shared/config.js';
import { createFakeClock } from '../../../src/shared/clock.js';
import { openStore } from '../../../src/store/index.js';
import { createAccounts } from '../../../src/tasks/accounts/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { captureIo } from '../../unit/cli/cli-io.js';
import { seedClient, callInput, anna } from '../../unit/tasks/helpers.js';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();
const PASSWORD = 'not-shown-9f2c';
let dataDir: string;
let target: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-migrate-'));
  const store = await openStore({ dataDir });
  const clock = createFakeClock(Date.UTC(2026, 2, 2, 8));
  const tasks = createTaskService({ store, clock });
  const accounts = await createAccounts({ store, clock, newId: tasks.deps.newId });
  await accounts.addUser({ username: 'anna', password: 'a long password 1', role: 'admin' });
  const { client, sites } = await seedClient(tasks);
  for (let i = 0; i < 30; i++) await tasks.createTask(callInput(client.id), anna);
  const item = await tasks.createContentItem(
    { clientId: client.id, title: 'Menu „léto“', slug: 'menu', markdown: '# Žluťoučký kůň' },
    anna,
  );
  await tasks.requestPublish({ contentItemId: item.id, siteIds: sites.map((s) => s.id) }, anna);
  await store.close();
  // trust authentication on the test cluster accepts any password: enough to see it is hidden.
  const url = new URL(await postgres.server.createDatabase('migrated'));
  url.password = PASSWORD;
  target = url.toString();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function migrate(...flags: string[]) {
  const { io, out, err } = captureIo({ SITEDESK_DATA_DIR: dataDir });
  const code = await runCli(['migrate-to-postgres', '--to', target, ...flags], io);
  return { code, out: out(), err: err() };
}

describe('sitedesk migrate-to-postgres', () => {
  it('copies every table, says each is the same, and the service reads it all on PostgreSQL', async () => {
    const run = await migrate();
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^ {2}tasks +31 rows {2}same/m);
    expect(run.out).toMatch(/^ {2}history +\d+ rows {2}same/m);
    expect(run.out).toMatch(/^ {2}users +1 rows {2}same/m);
    expect(run.out).not.toContain('DIFFERENT');
    expect(run.out + run.err).not.toContain(PASSWORD);

    const source = await openStore({ dataDir });
    const pg = await openStore({ dataDir, databaseUrl: target });
    try {
      const read = async (store: typeof source) => {
        const tasks = createTaskService({ store, clock: createFakeClock(0) });
        return {
          tasks: (await tasks.listTasks({ limit: 500 })).items,
          items: await store.db.selectFrom('content_items').selectAll().orderBy('id').execute(),
          history: await store.db.selectFrom('history').selectAll().orderBy('id').execute(),
          publications: await tasks.listPublications(),
        };
      };
      const [before, after] = [await read(source), await read(pg)];
      expect(after.tasks).toHaveLength(31);
      expect(after).toEqual(before);
      expect(after.items[0]?.markdown).toBe('# Žluťoučký kůň');
    } finally {
      await source.close();
      await pg.close();
    }
  });

  it('refuses a target that holds data unless --force, then replaces it', async () => {
    const refused = await migrate();
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/already holds data: .*tasks \(31\).*--force/);
    const forced = await migrate('--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toMatch(/^ {2}tasks +31 rows {2}same/m);
  });

  it('names a wrong URL and the setting, without a password', async () => {
    const { io, err } = captureIo({ SITEDESK_DATA_DIR: dataDir });
    expect(await runCli(['migrate-to-postgres', '--to', 'mysql://u:pw@h/db'], io)).toBe(2);
    expect(err()).toMatch(/--to must start with postgres:\/\//);
    expect(() => loadConfig({ SITEDESK_DATABASE_URL: 'sqlite:///x' })).toThrow(
      /SITEDESK_DATABASE_URL .*must start with postgres:\/\//,
    );
  });
});

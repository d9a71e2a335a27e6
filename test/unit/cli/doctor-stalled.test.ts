// `sitedesk doctor` names work whose process is gone (a lapsed lease) and a data folder others
// can read, through runCli against a real database in a temporary data folder.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { systemClock } from '../../../src/shared/clock.js';
import { openStore } from '../../../src/store/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { captureIo } from './cli-io.js';

let env: NodeJS.ProcessEnv;
let dir: string;

async function cli(args: string[]) {
  const io = captureIo(env);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

async function databaseFinding() {
  const report = JSON.parse((await cli(['doctor', '--json'])).out) as {
    findings: { check: string; status: string; notes: string[] }[];
  };
  return report.findings.find((f) => f.check === 'database');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-doctor-stalled-'));
  env = {
    SITEDESK_DATA_DIR: dir,
    SITEDESK_SECRET_STORE: 'file',
    SITEDESK_MASTER_KEY: 'a'.repeat(64),
    USER: 'anna',
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sitedesk doctor: database', () => {
  it('names publications held by a process that is gone, and a data folder others can read', async () => {
    chmodSync(dir, 0o700);
    const store = await openStore({ dataDir: dir });
    try {
      const who = { actor: 'anna' };
      const tasks = createTaskService({ store, clock: systemClock });
      const client = await tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who);
      const site = await tasks.createSite(
        { clientId: client.id, name: 'S', kind: 'git', url: 'https://s.example' },
        who,
      );
      const item = await tasks.createContentItem(
        { clientId: client.id, title: 'T', slug: 't', markdown: 'x' },
        who,
      );
      await tasks.requestPublish({ contentItemId: item.id, siteIds: [site.id] }, who);
      expect((await databaseFinding())?.notes.join('\n')).not.toContain('process that is gone');
      // What a killed `sitedesk publish` leaves: its row, its lease run out a minute ago.
      await store.db
        .updateTable('publications')
        .set({
          state: 'publishing',
          owner: 'elsewhere:41:ab',
          lease_until: new Date(Date.now() - 60_000).toISOString(),
        })
        .execute();
    } finally {
      await store.close();
    }
    const stalled = await databaseFinding();
    expect(stalled?.status).toBe('warn');
    expect(stalled?.notes.join('\n')).toContain(
      '1 publication(s) held by a sitedesk process that is gone',
    );
    chmodSync(dir, 0o755);
    expect((await databaseFinding())?.notes.join('\n')).toContain(`chmod 700 ${dir}`);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { withWorkspace } from '../../../src/cli/workspace.js';
import { createMeetingDesk } from '../../../src/tasks/meetings/index.js';
import { startCalDavServer, type CalDavServer } from '../../env/caldav/radicale.js';
import { captureIo } from '../../unit/cli/cli-io.js';

// `sitedesk doctor` against a real Radicale: a client calendar that works passes; a refused
// password and a server that went away fail in words, with the fix, and never pass quietly.
let caldav: CalDavServer;
beforeAll(async () => {
  caldav = await startCalDavServer();
  await caldav.makeCalendar('alice', 'Work');
});
afterAll(async () => {
  await caldav?.dispose();
});

interface Report {
  ok: boolean;
  findings: { check: string; status: string; summary: string; notes: string[] }[];
}

async function calendars(env: NodeJS.ProcessEnv) {
  const run = captureIo(env);
  const code = await runCli(['doctor', '--json'], run.io);
  const report = JSON.parse(run.out()) as Report;
  return { code, report, finding: report.findings.find((f) => f.check === 'calendars') };
}

describe('sitedesk doctor: calendars', () => {
  it('passes a working calendar, fails a refused password and a server that is gone', async () => {
    const env = {
      SITEDESK_SECRET_STORE: 'file',
      SITEDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'sitedesk-doctor-cal-')),
    };
    const password = caldav.users[0]!.password;
    expect((await calendars(env)).finding).toMatchObject({
      status: 'ok',
      summary: 'none configured',
    });
    await withWorkspace(env, async (ws) => {
      const client = await ws.tasks.createClient(
        { name: 'Plumber Dvořák', timezone: 'Europe/Prague' },
        ws.actor,
      );
      const desk = createMeetingDesk({
        tasks: ws.tasks,
        secrets: ws.secrets.store,
        logger: ws.logger,
      });
      await desk.setCalendar(client.id, {
        id: 'plumber',
        url: caldav.url,
        username: 'alice',
        calendar: 'Work',
      });
      await ws.secrets.store.set('calendar:plumber', password);
      await desk.stop();
    });

    const working = await calendars(env);
    expect(working.finding).toMatchObject({ status: 'ok', summary: '1 working' });
    expect(working.finding?.notes[0]).toMatch(
      /^ok {3}Plumber Dvořák \(calendar "Work" at http:\/\/127\.0\.0\.1:\d+\/\): reachable, password accepted/,
    );

    const wrong = captureIo(env, 'not the password\n');
    expect(await runCli(['secrets', 'set', 'calendar:plumber'], wrong.io)).toBe(0);
    const refused = await calendars(env);
    expect(refused.code).toBe(1);
    expect(refused.finding?.status).toBe('fail');
    expect(refused.finding?.notes[0]).toMatch(
      /^FAIL Plumber Dvořák .*refused the user name "alice" or its password — fix: Create an app password/,
    );

    const right = captureIo(env, `${password}\n`);
    expect(await runCli(['secrets', 'set', 'calendar:plumber'], right.io)).toBe(0);
    await caldav.stop();
    const gone = await calendars(env);
    expect(gone.finding?.status).toBe('fail');
    expect(gone.finding?.notes[0]).toMatch(/^FAIL Plumber Dvořák .*does not answer/);
    expect(JSON.stringify([working, refused, gone])).not.toContain(password);
  }, 60_000);
});

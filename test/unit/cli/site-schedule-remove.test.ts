// `sitedesk site remove` and `sitedesk schedule pause|resume|remove` run in-process through
// runCli against a real database and the real encrypted file secret store in a temporary
// data folder: the same service functions as the API's DELETE and PUT …/enabled routes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore } from '../../../src/store/index.js';
import { createTaskService } from '../../../src/tasks/index.js';
import { createMeetingDesk } from '../../../src/tasks/meetings/index.js';
import { captureIo } from './cli-io.js';

let env: NodeJS.ProcessEnv;
let dir: string;

async function cli(args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-cli-remove-'));
  env = { SITEDESK_DATA_DIR: dir, SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
  await cli(['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague']);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const addSite = (name: string) =>
  cli(
    [
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      name,
      '--kind',
      'wordpress',
      '--url',
      'https://b.example',
      '--setting',
      'username=editor',
      '--no-check',
    ],
    'app password one two\n',
  );

const addSchedule = () =>
  cli([
    'schedule',
    'add',
    '--client',
    'Bakery',
    '--name',
    'Weekly menu',
    '--rrule',
    'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0',
    '--site',
    'Blog',
    '--title',
    'Menu {{date}}',
    '--body',
    'Soup',
  ]);

describe('sitedesk site remove and schedule pause|resume|remove', () => {
  it('pauses, resumes and removes a schedule; then removes the site and its secret', async () => {
    expect((await addSite('Blog')).code).toBe(0);
    const siteId = (await cli(['site', 'list', '--json'])).out;
    expect(JSON.parse(siteId)[0]).toMatchObject({ name: 'Blog', secretStored: true });
    expect((await addSchedule()).code).toBe(0);

    const busy = await cli(['site', 'remove', 'Blog']);
    expect(busy.code).not.toBe(0);
    expect(busy.err).toContain('schedule “Weekly menu”');

    const paused = await cli(['schedule', 'pause', 'weekly menu']);
    expect(paused.code).toBe(0);
    expect(paused.err).toContain('Schedule "Weekly menu" paused.');
    const listed = JSON.parse((await cli(['schedule', 'list', '--json'])).out);
    expect(listed[0].schedule.enabled).toBe(false);
    const resumed = await cli(['schedule', 'resume', 'Weekly menu']);
    expect(resumed.err).toMatch(/resumed; next run 20\d\d-/);
    const removed = await cli(['schedule', 'remove', 'Weekly menu']);
    expect(removed.code).toBe(0);
    expect(JSON.parse((await cli(['schedule', 'list', '--json'])).out)).toEqual([]);
    const missing = await cli(['schedule', 'pause', 'Weekly menu']);
    expect(missing.code).toBe(4);

    const before = await cli(['secrets', 'list']);
    expect(before.out).toContain('site:');
    const gone = await cli(['site', 'remove', 'Blog']);
    expect(gone.code).toBe(0);
    expect(gone.err).toContain('Site "Blog" deleted');
    expect(JSON.parse((await cli(['site', 'list', '--json'])).out)).toEqual([]);
    const secrets = await cli(['secrets', 'list']);
    expect(secrets.out).not.toContain('site:');
    expect((await cli(['site', 'remove'])).code).toBe(2);
  });
});

describe('sitedesk client remove', () => {
  it('archives the client, its sites (secrets deleted) and pauses its schedules; the list no longer shows it', async () => {
    expect((await addSite('Blog')).code).toBe(0);
    expect((await addSchedule()).code).toBe(0);
    expect((await cli(['secrets', 'list'])).out).toMatch(/^site:/m);
    const removed = await cli(['client', 'remove', 'Bakery']);
    expect(removed).toMatchObject({ code: 0 });
    expect(removed.err).toContain(
      'Client "Bakery" removed (archived): 1 site archived with their secrets deleted, 1 schedule paused.',
    );
    expect((await cli(['secrets', 'list'])).out).not.toMatch(/^site:/m);
    expect((await cli(['client', 'list'])).err).toContain('No clients yet');
    const again = await cli(['client', 'remove', 'Bakery']);
    expect(again.code).toBe(4);
    expect((await cli(['client', 'remove'])).code).toBe(2);
  });

  it('deletes the password of the client’s calendar (calendar:<id>) from the file store', async () => {
    // The calendar's settings as PUT /clients/:id/calendar saves them (no CLI command sets them).
    const store = await openStore({ dataDir: dir });
    try {
      const tasks = createTaskService({ store, clock: systemClock });
      const [client] = await tasks.listClients();
      const desk = createMeetingDesk({
        tasks,
        secrets: createMemorySecretStore(),
        logger: createSilentLogger(),
      });
      await desk.setCalendar(client!.id, {
        id: 'bakery-cal',
        url: 'https://caldav.example.test/',
        username: 'shop@bakery.example',
        calendar: 'Orders',
      });
    } finally {
      await store.close();
    }
    expect((await cli(['secrets', 'set', 'calendar:bakery-cal'], 'calendar app pw 1\n')).code).toBe(
      0,
    );
    expect((await cli(['secrets', 'list'])).out).toMatch(/^calendar:bakery-cal/m);
    expect((await cli(['client', 'remove', 'Bakery'])).code).toBe(0);
    expect((await cli(['secrets', 'list'])).out).not.toContain('calendar:');
  });
});

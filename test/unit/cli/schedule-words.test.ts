// `sitedesk schedule add` through runCli on a real database (issue 23): a Czech name gives a
// readable slug (the one slug function), and a rule that never fires is refused in a sentence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { captureIo } from './cli-io.js';

let env: NodeJS.ProcessEnv;
let dir: string;

async function cli(args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-cli-schedule-'));
  env = { SITEDESK_DATA_DIR: dir, SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
  await cli(['client', 'add', '--name', 'Pekárna', '--timezone', 'Europe/Prague']);
  await cli(
    [
      'site',
      'add',
      '--client',
      'Pekárna',
      '--name',
      'Web',
      '--kind',
      'wordpress',
      '--url',
      'https://p.example',
      '--setting',
      'username=editor',
      '--no-check',
    ],
    'app password one two\n',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const add = (rule: string) =>
  cli([
    'schedule',
    'add',
    '--client',
    'Pekárna',
    '--name',
    'Týdenní speciality',
    '--rrule',
    rule,
    '--site',
    'Web',
    '--title',
    'Speciality {{date}}',
    '--body',
    'Polévka',
  ]);

it('makes the slug of a Czech name readable', async () => {
  expect((await add('FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0')).code).toBe(0);
  const [listed] = JSON.parse((await cli(['schedule', 'list', '--json'])).out);
  expect(listed.schedule.template.slug).toBe('tydenni-speciality-{{date}}');
});

it('refuses a rule that never fires, saying why', async () => {
  const refused = await add('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30');
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('February never has a day 30');
  expect(refused.err).not.toContain('This is a bug');
});

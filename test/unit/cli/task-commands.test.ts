// The data commands run in-process through runCli against a real database and the real
// encrypted file secret store in a temporary data folder; nothing remote is needed here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { captureIo } from './cli-io.js';

let env: NodeJS.ProcessEnv;
let dir: string;

async function cli(args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-cli-tasks-'));
  env = { SITEDESK_DATA_DIR: dir, SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
});

describe('sitedesk client', () => {
  it('adds a client, prints its id, lists it; refuses bad input naming each flag and saves nothing', async () => {
    const added = await cli([
      'client',
      'add',
      '--name',
      'Bakery Novák',
      '--timezone',
      'Europe/Prague',
      '--language',
      'cs,en',
      '--email',
      'jana@bakery.example',
    ]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^[0-9A-Z]{26}\n$/);
    const bad = await cli([
      'client',
      'add',
      '--name',
      'X',
      '--timezone',
      'Mars/Base',
      '--email',
      'nope',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--timezone: must be an IANA timezone');
    expect(bad.err).toContain('--email:');
    const missing = await cli(['client', 'add', '--name', 'X']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--timezone is required');
    const list = await cli(['client', 'list']);
    expect(list.out).toMatch(/Bakery Novák\s+Europe\/Prague\s+cs,en\s+jana@bakery\.example/);
    expect(list.out.trim().split('\n')).toHaveLength(2);
    const json = JSON.parse((await cli(['client', 'list', '--json'])).out) as { id: string }[];
    expect(json.map((c) => c.id)).toEqual([added.out.trim()]);
  });
});

describe('sitedesk task', () => {
  beforeEach(async () => {
    await cli(['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague']);
  });

  it('adds call, mail and site-edit tasks, lists and filters them, shows one, marks it done once', async () => {
    const call = await cli([
      'task',
      'add',
      '--client',
      'bakery',
      '--kind',
      'call',
      '--caller',
      'Jana',
      '--number',
      '+420 601 234 567',
      '--message',
      'Call back about the cake',
      '--callback',
      '--priority',
      'high',
      '--due',
      '2026-12-01T10:00:00+01:00',
    ]);
    expect(call.code).toBe(0);
    const callId = call.out.trim();
    expect(
      (
        await cli([
          'task',
          'add',
          '--client',
          'Bakery',
          '--kind',
          'mail',
          '--from',
          'jana@bakery.example',
          '--subject',
          'Prices',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await cli([
          'task',
          'add',
          '--client',
          'Bakery',
          '--kind',
          'site-edit',
          '--request',
          'New opening hours',
        ])
      ).code,
    ).toBe(0);

    const all = await cli(['task', 'list']);
    expect(all.out.trim().split('\n')).toHaveLength(4);
    const calls = await cli(['task', 'list', '--kind', 'call']);
    expect(calls.out).toMatch(
      new RegExp(`${callId}\\s+open\\s+call\\s+high\\s+2026-12-01 10:00\\s+Bakery`),
    );
    expect(calls.out.trim().split('\n')).toHaveLength(2);

    const shown = await cli(['task', 'show', callId]);
    expect(shown.out).toContain('caller    Jana');
    expect(shown.out).toMatch(/anna\s+task created/);

    expect((await cli(['task', 'done', callId, '--note', 'called back'])).code).toBe(0);
    expect((await cli(['task', 'list', '--status', 'done'])).out).toContain(callId);
    const again = await cli(['task', 'done', callId]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('cannot go from done to done');
  });

  it('names the wrong flag, exits 2 for bad input and 4 for unknown ids, and saves nothing', async () => {
    const number = await cli([
      'task',
      'add',
      '--client',
      'Bakery',
      '--kind',
      'call',
      '--caller',
      'Jana',
      '--number',
      'call me',
    ]);
    expect(number.code).toBe(2);
    expect(number.err).toContain('--number: must be a phone number');
    const kind = await cli(['task', 'add', '--client', 'Bakery', '--kind', 'fax']);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('--kind "fax" is not known');
    const due = await cli([
      'task',
      'add',
      '--client',
      'Bakery',
      '--kind',
      'mail',
      '--from',
      'a@b.c',
      '--due',
      'tomorrow',
    ]);
    expect(due.code).toBe(2);
    expect(due.err).toContain('--due "tomorrow" is not a time');
    const client = await cli([
      'task',
      'add',
      '--client',
      'Nobody',
      '--kind',
      'mail',
      '--from',
      'a@b.c',
    ]);
    expect(client.code).toBe(4);
    expect(client.err).toContain('--client "Nobody": no client has this id or name');
    const status = await cli(['task', 'list', '--status', 'finished']);
    expect(status.code).toBe(2);
    expect((await cli(['task', 'show', '01M8G9GQGEWF9ET1BJ3TY20PMH'])).code).toBe(4);
    expect((await cli(['task', 'list'])).out.trim().split('\n')).toHaveLength(1);
  });
});

describe('sitedesk site, publish and schedule input', () => {
  beforeEach(async () => {
    await cli(['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague']);
  });

  it('site add checks kind and kind settings before asking for the secret; a secret in settings is refused', async () => {
    const kind = await cli([
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      'Blog',
      '--kind',
      'drupal',
      '--url',
      'https://b.example',
    ]);
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('--kind "drupal" is not known; use one of wordpress, ghost, git');
    const settings = await cli(
      [
        'site',
        'add',
        '--client',
        'Bakery',
        '--name',
        'Blog',
        '--kind',
        'wordpress',
        '--url',
        'https://b.example',
      ],
      'pw\n',
    );
    expect(settings.code).toBe(2);
    expect(settings.err).toContain('--setting username=…: is required');
    const secret = await cli(
      [
        'site',
        'add',
        '--client',
        'Bakery',
        '--name',
        'Blog',
        '--kind',
        'ghost',
        '--url',
        'https://b.example',
        '--setting',
        'apiKey=abc',
      ],
      'k\n',
    );
    expect(secret.code).toBe(2);
    const noSecret = await cli([
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      'Blog',
      '--kind',
      'wordpress',
      '--url',
      'https://b.example',
      '--setting',
      'username=ed',
    ]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toContain('The secret is empty');
    expect((await cli(['site', 'list'])).out.trim().split('\n')).toHaveLength(1);
  });

  it('publish refuses a file without a title, a missing --site and an unknown site', async () => {
    const file = join(dir, 'menu.md');
    writeFileSync(file, '---\ntags: [menu]\n---\nSoup.\n');
    const noTitle = await cli(['publish', file, '--site', 'Blog']);
    expect(noTitle.code).toBe(2);
    expect(noTitle.err).toContain('has no title');
    writeFileSync(file, '---\ntitle: Menu\n---\nSoup.\n');
    expect((await cli(['publish', file])).err).toContain('--site is required');
    const unknown = await cli(['publish', file, '--site', 'Blog']);
    expect(unknown.code).toBe(4);
    expect(unknown.err).toContain('--site "Blog"');
    expect((await cli(['publish', join(dir, 'missing.md'), '--site', 'Blog'])).err).toContain(
      'cannot be read',
    );
  });

  it('schedule add shows the next five runs at 09:00 client time; wrong rules and variables are named', async () => {
    // A git site over SSH needs no secret and --no-check keeps this test offline.
    const site = await cli([
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      'Blog',
      '--kind',
      'git',
      '--url',
      'https://b.example',
      '--setting',
      'repoUrl=git@git.example:bakery/site.git',
      '--setting',
      'generator=hugo',
      '--setting',
      'author.name=Anna',
      '--setting',
      'author.email=anna@b.example',
      '--no-check',
    ]);
    expect(site.code).toBe(0);
    const added = await cli([
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
      'Soup of {{weekday}}',
    ]);
    expect(added.code).toBe(0);
    const runs = added.out.split('\n').filter((l) => l.trim().startsWith('next'));
    expect(runs).toHaveLength(5);
    for (const line of runs) expect(line).toMatch(/Mon, .* 09:00 GMT\+[12]\s+\(Europe\/Prague\)/);
    const bad = await cli([
      'schedule',
      'add',
      '--client',
      'Bakery',
      '--name',
      'x',
      '--cron',
      '0 99 * * *',
      '--site',
      'Blog',
      '--title',
      'Menu {{foo}}',
      '--body',
      'x',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--rrule / --cron:');
    expect(bad.err).toContain('--title: uses an unknown variable');
    const both = await cli([
      'schedule',
      'add',
      '--client',
      'Bakery',
      '--name',
      'x',
      '--site',
      'Blog',
      '--title',
      'x',
      '--body',
      'x',
    ]);
    expect(both.err).toContain('Give exactly one of --rrule');
    const list = await cli(['schedule', 'list']);
    expect(list.out.split('\n').filter((l) => l.trim().startsWith('next'))).toHaveLength(5);
    expect(list.out).toContain('Weekly menu');
  });

  it('every command and action has --help (exit 0); an unknown action exits 2', async () => {
    for (const args of [
      ['client', 'add'],
      ['client', 'list'],
      ['site', 'add'],
      ['site', 'check'],
      ['site', 'list'],
      ['task', 'add'],
      ['task', 'list'],
      ['task', 'show'],
      ['task', 'done'],
      ['schedule', 'add'],
      ['schedule', 'list'],
      ['publish'],
      ['run'],
    ]) {
      const help = await cli([...args, '--help']);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.out).toContain(`Usage: sitedesk ${args.join(' ')}`);
    }
    const unknown = await cli(['task', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown action "task frobnicate"');
    expect((await cli(['task'])).code).toBe(2);
  });
});

describe('sitedesk doctor database', () => {
  it('opens the database and counts what it holds', async () => {
    await cli(['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague']);
    const report = JSON.parse((await cli(['doctor', '--json'])).out) as {
      findings: { check: string; status: string; notes: string[] }[];
    };
    const database = report.findings.find((f) => f.check === 'database');
    expect(database?.status).toBe('ok');
    expect(database?.notes[0]).toBe('1 clients, 0 sites, 0 tasks, 0 schedules');
  });

  it('reports a database that cannot be opened as a failure and still reports the other checks', async () => {
    writeFileSync(join(dir, 'sitedesk.db'), 'this is not a SQLite database, it is a note');
    const result = await cli(['doctor', '--json']);
    const report = JSON.parse(result.out) as {
      findings: { check: string; status: string; summary: string; notes: string[] }[];
    };
    const database = report.findings.find((f) => f.check === 'database');
    expect(database).toMatchObject({ status: 'fail', summary: 'cannot be opened' });
    expect(database?.notes[0]).toMatch(/not a database/i);
    expect(report.findings.map((f) => f.check)).toEqual(
      expect.arrayContaining(['configuration', 'secret store', 'database']),
    );
    expect(result.code).not.toBe(0);
  });
});

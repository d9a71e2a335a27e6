// `sitedesk site change` (a typo fixed in place, settings merged, checked unless --no-check)
// and the doctor's "sites" finding for settings an earlier version saved wrong, through runCli
// against a real database and the real encrypted file store in a temporary data folder.
import { mkdtempSync, rmSync } from 'node:fs';
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

async function cli(args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-cli-change-'));
  env = {
    SITEDESK_DATA_DIR: dir,
    SITEDESK_SECRET_STORE: 'file',
    SITEDESK_MASTER_KEY: 'a'.repeat(64),
    USER: 'anna',
  };
  await cli(['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague']);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sitedesk site change', () => {
  it('fixes the address and one setting in place; the others stay; a wrong one saves nothing', async () => {
    const add = await cli(
      [
        'site',
        'add',
        '--client',
        'Bakery',
        '--name',
        'Static',
        '--kind',
        'git',
        '--url',
        'https://www.bakery.exmple',
        '--setting',
        'repoUrl=https://git.example/bakery.git',
        '--setting',
        'branch=main',
        '--no-check',
      ],
      'token-one\n',
    );
    expect(add.code, add.err).toBe(0);
    const changed = await cli([
      'site',
      'change',
      'Static',
      '--url',
      'https://www.bakery.example',
      '--setting',
      'branch=live',
      '--setting',
      'generator=jekyll',
      '--no-check',
    ]);
    expect(changed.code, changed.err).toBe(0);
    const wrong = await cli(['site', 'change', 'Static', '--setting', 'branch=-x', '--no-check']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('--setting branch=…');
    const list = await cli(['site', 'list', '--json']);
    const [site] = JSON.parse(list.out) as {
      url: string;
      settings: Record<string, unknown>;
      secretStored: boolean;
    }[];
    expect(site).toMatchObject({
      url: 'https://www.bakery.example',
      // the public address of a static site is not where its token goes: the token stays
      secretStored: true,
      settings: {
        repoUrl: 'https://git.example/bakery.git',
        branch: 'live',
        generator: 'jekyll',
        author: { name: 'anna', email: 'anna@sitedesk.invalid' },
      },
    });
  });
});

describe('sitedesk doctor: sites', () => {
  it('names a site saved with settings its kind refuses, and what to fix', async () => {
    const store = await openStore({ dataDir: dir });
    try {
      const tasks = createTaskService({ store, clock: systemClock });
      const [client] = await tasks.listClients();
      await tasks.createSite(
        {
          clientId: client!.id,
          name: 'Old blog',
          kind: 'wordpress',
          url: 'https://old.example',
          settings: { user: 'x' },
        },
        { actor: 'old-version' },
      );
    } finally {
      await store.close();
    }
    const doctor = await cli(['doctor', '--json']);
    const report = JSON.parse(doctor.out) as {
      findings: { check: string; status: string; notes: string[] }[];
    };
    const sites = report.findings.find((f) => f.check === 'sites');
    expect(sites?.status).toBe('warn');
    expect(sites?.notes.join('\n')).toContain('site "Old blog"');
    expect(sites?.notes.join('\n')).toContain('settings.username');
    expect(sites?.notes.join('\n')).toContain(
      'settings.user: is not a setting of a wordpress site',
    );
  });
});

// `sitedesk site add` and `site check` against a real WordPress (test/env/wordpress): the
// Application Password is read from stdin into the secret store, the check's diagnosis is
// printed in plain words; a wrong password and a user who may not edit pages are named.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { sitedesk } from '../crash/fleet.js';

let wp: RunningWordPress;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  wp = await startWordPress();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-cli-wp-'));
  env = { SITEDESK_DATA_DIR: dataDir, SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
  expect(
    (await sitedesk(env, ['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague']))
      .code,
  ).toBe(0);
});
afterAll(async () => {
  await wp?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('adds a WordPress site with its Application Password and says everything works', async () => {
  const added = await sitedesk(
    env,
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
      wp.url,
      '--setting',
      `username=${wp.username}`,
    ],
    `${wp.appPassword}\n`,
  );
  expect(added.err).toContain('everything checked works');
  expect(added.code).toBe(0);
  expect(added.err + added.out).not.toContain(wp.appPassword);
  const list = await sitedesk(env, ['site', 'list']);
  expect(list.out).toMatch(
    new RegExp(`Blog\\s+wordpress\\s+${wp.url.replace(/[.:/]/g, '\\$&')}\\s+yes`),
  );
});

it('site check names a wrong password and a user without the rights, with how to fix it; exit 1', async () => {
  const [site] = JSON.parse((await sitedesk(env, ['site', 'list', '--json'])).out) as {
    id: string;
  }[];
  const wrong = await sitedesk(
    env,
    ['secrets', 'set', `site:${site?.id ?? ''}`],
    'abcd efgh ijkl mnop qrst uvwx\n',
  );
  expect(wrong.code).toBe(0);
  const check = await sitedesk(env, ['site', 'check', 'Blog']);
  expect(check.code).toBe(1);
  expect(check.out).toMatch(/FAIL\s+credentials: /);
  expect(check.out).toMatch(/How to fix: .+/);

  const author = await sitedesk(
    env,
    [
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      'Blog (author)',
      '--kind',
      'wordpress',
      '--url',
      wp.url,
      '--setting',
      `username=${wp.author.username}`,
    ],
    `${wp.author.appPassword}\n`,
  );
  expect(author.code).toBe(1);
  expect(author.err).toMatch(/may not .*pages/);
  const missing = await sitedesk(env, ['site', 'check', 'No such blog']);
  expect(missing.code).toBe(4);
});

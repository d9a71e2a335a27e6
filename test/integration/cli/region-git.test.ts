// `sitedesk region discover|list|show|set` in-process (runCli with captured streams) against a
// real git site (test/env/git, the Hugo fixture, whose contact page marks region "notice").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { commitSubjects, fileOnMain } from '../../env/git/other-clone.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { fixtureSite } from '../git/harness.js';
import { captureIo } from '../../unit/cli/cli-io.js';

let server: GitServer;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let repoPath: string;

async function cli(args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  server = await startGitServer();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-cli-region-'));
  env = { SITEDESK_DATA_DIR: dataDir, SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
  expect(
    (await cli(['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague'])).code,
  ).toBe(0);
  const repo = await server.createRepo('bakery', fixtureSite('hugo'));
  repoPath = repo.path;
  const added = await cli(
    [
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      'Bakery web',
      '--kind',
      'git',
      '--url',
      'http://bakery.invalid',
      '--setting',
      `repoUrl=${repo.url}`,
      '--setting',
      'generator=hugo',
      '--setting',
      'author.name=Sitedesk',
      '--setting',
      'author.email=sitedesk@example.test',
    ],
    `${server.token}\n`,
  );
  expect(added.code, added.err).toBe(0);
});
afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('discovers, lists, shows and sets a region; the same text again commits nothing', async () => {
  const none = await cli(['region', 'list']);
  expect(none).toMatchObject({ code: 0, out: '' });
  expect(none.err).toContain('sitedesk region discover SITE');

  const found = await cli(['region', 'discover', 'Bakery web']);
  expect(found.code, found.err).toBe(0);
  expect(found.out).toMatch(/^ID\s+LABEL\s+SITE\s+PAGE\s+STATUS\s+TEXT/);
  const line = found.out.split('\n').find((l) => l.includes('Notice'));
  expect(line).toMatch(/Notice\s+Bakery web \(git\)\s+Contact\s+ok\s+No notice today\./);
  const id = line?.split(/\s+/)[0] ?? '';

  const listed = await cli(['region', 'list', '--client', 'Bakery']);
  expect(listed.out).toContain(id);
  expect((await cli(['region', 'list', '--client', 'Nobody'])).code).toBe(4);

  const commits = (await commitSubjects(repoPath)).length;
  const set = await cli(['region', 'set', id, '--text', 'Closed on **Monday**.', '--wait', '5']);
  expect(set.code, set.err).toBe(0);
  expect(set.out).toMatch(/^SITE\s+STATE\s+PAGE/);
  expect(set.out).toMatch(/Bakery web\s+published/);
  const page = (await fileOnMain(repoPath, 'content/contact.md')) ?? '';
  expect(page).toContain(
    '<!-- sitedesk:notice -->\nClosed on **Monday**.\n<!-- /sitedesk:notice -->',
  );
  expect(page).toContain('Find us at Main Street 1.');
  expect(await commitSubjects(repoPath)).toHaveLength(commits + 1);

  const shown = await cli(['region', 'show', id]);
  expect(shown.code).toBe(0);
  expect(shown.out).toContain('Notice — Bakery web (git), Contact');
  expect(shown.out).toContain('Closed on **Monday**.');

  const again = await cli(['region', 'set', id, '--text', 'Closed on **Monday**.']);
  expect(again.code).toBe(0);
  expect(again.err).toContain('Notice on Bakery web already has this text; nothing changes there.');
  expect(await commitSubjects(repoPath)).toHaveLength(commits + 1);

  expect((await cli(['region', 'set', id])).code).toBe(2);
  expect((await cli(['region', 'set', id, '--text', 'a', '--file', 'b.md'])).code).toBe(2);
  const missingFile = await cli(['region', 'set', id, '--file', join(dataDir, 'nope.md')]);
  expect(missingFile.code).toBe(2);
  expect(missingFile.err).toContain('cannot be read (ENOENT)');
  const unknown = await cli(['region', 'show', '01HZZZZZZZZZZZZZZZZZZZZZZZ']);
  expect(unknown.code).toBe(4);
  expect(unknown.err).toContain('No region with id 01HZZZZZZZZZZZZZZZZZZZZZZZ');
  expect((await cli(['region', 'discover'])).code).toBe(2);
});

// `sitedesk publish` in-process (runCli with captured streams) against real git sites: the
// git server from test/env/git, one repository per site, tokens given on stdin to `site add`.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { captureIo } from '../../unit/cli/cli-io.js';

const run = promisify(execFile);
let server: GitServer;
let dataDir: string;
let env: NodeJS.ProcessEnv;

async function cli(args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

async function addGitSite(name: string, token: string): Promise<string> {
  const hugo = fileURLToPath(new URL('../../fixtures/sites/hugo/', import.meta.url));
  const repo = await server.createRepo(name, hugo);
  const added = await cli(
    [
      'site',
      'add',
      '--client',
      'Bakery',
      '--name',
      name,
      '--kind',
      'git',
      '--url',
      `http://${name}.invalid`,
      '--setting',
      `repoUrl=${repo.url}`,
      '--setting',
      'generator=hugo',
      '--setting',
      'author.name=Sitedesk',
      '--setting',
      'author.email=sitedesk@example.test',
    ],
    `${token}\n`,
  );
  return `${added.code} ${added.err}`;
}

beforeAll(async () => {
  server = await startGitServer();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-cli-publish-'));
  env = { SITEDESK_DATA_DIR: dataDir, SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
  expect(
    (await cli(['client', 'add', '--name', 'Bakery', '--timezone', 'Europe/Prague'])).code,
  ).toBe(0);
});
afterAll(async () => {
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('site add stores the token and checks the site; publish shows progress and a table of URLs', async () => {
  const added = await addGitSite('menu-a', server.token);
  expect(added).toMatch(/^0 /);
  expect(added).toContain('everything checked works');
  expect(await addGitSite('menu-b', server.token)).toMatch(/^0 /);

  const file = join(dataDir, 'spring-menu.md');
  await writeFile(
    file,
    '---\ntitle: Spring menu\ntags: [menu, spring]\nexcerpt: Garlic soup.\n---\nGarlic soup and **strudel**.\n',
  );
  const published = await cli([
    'publish',
    file,
    '--site',
    'menu-a',
    '--site',
    'menu-b',
    '--wait',
    '5',
  ]);
  expect(published.err).toMatch(/\[1\/2\] menu-[ab]\s+published/);
  expect(published.err).toMatch(/\[2\/2\] menu-[ab]\s+published/);
  expect(published.out).toMatch(/^SITE\s+STATE\s+URL/);
  expect(published.out).toMatch(/menu-a\s+published\s+http:\/\/menu-a\.invalid\/.*spring-menu/);
  expect(published.code).toBe(0);
  for (const name of ['menu-a', 'menu-b']) {
    const { stdout } = await run('git', [
      '--git-dir',
      join(server.root, `${name}.git`),
      'ls-tree',
      '-r',
      '--name-only',
      'main',
    ]);
    expect(stdout.split('\n').filter((f) => f.includes('spring-menu'))).toHaveLength(1);
  }

  // The task is done and `task show` lists both sites with their URLs.
  const list = await cli(['task', 'list', '--kind', 'publish']);
  const taskId = /^(\w{26})\s+done\s+publish/m.exec(list.out)?.[1];
  expect(taskId).toBeDefined();
  const shown = await cli(['task', 'show', taskId ?? '']);
  expect(shown.out).toMatch(/menu-b\s+published/);
  expect(shown.out).toContain('publication published');
});

it('a site whose token was refused at its check is not published to: refused at once, naming why; exit 2', async () => {
  const added = await addGitSite('menu-c', 'wrong-token');
  expect(added).toMatch(/^1 /);
  expect(added).toMatch(/How to fix: .+/);
  const file = join(dataDir, 'hours.md');
  await writeFile(file, '---\ntitle: Opening hours\n---\nMon–Fri 7–18.\n');
  // Issue 14: a site whose last check failed cannot be chosen for publishing until a check passes.
  const published = await cli([
    'publish',
    file,
    '--site',
    'menu-c',
    '--site',
    'menu-a',
    '--wait',
    '5',
  ]);
  expect(published.code).toBe(2);
  expect(published.err).toMatch(/--site: this site is not working yet: .*\(401\)/);
  expect(published.out).toBe('');
});

it('a push the server fails (HTTP 500) is retried within --wait and then published; the line says why it waited', async () => {
  expect(await addGitSite('menu-d', server.token)).toMatch(/^0 /);
  const file = join(dataDir, 'specials.md');
  await writeFile(file, '---\ntitle: Friday specials\n---\nFish soup.\n');
  // The git server answers the next push with a 500, before it reaches the repository.
  server.beforeNextPush(async () => {
    throw new Error('disk full (test)');
  });
  const published = await cli(['publish', file, '--site', 'menu-d', '--wait', '30']);
  expect(published.err).toMatch(/menu-d\s+will retry: .*could not be reached/);
  expect(published.err).toMatch(/\[1\/1\] menu-d\s+published/);
  expect(published.out).toMatch(/menu-d\s+published\s+http:\/\/menu-d\.invalid\/posts\/specials\//);
  expect(published.code).toBe(0);
  const shown = await cli(['task', 'list', '--kind', 'publish', '--json']);
  const task = (JSON.parse(shown.out) as { id: string; title: string }[]).find((t) =>
    t.title.includes('Friday'),
  );
  const detail = JSON.parse((await cli(['task', 'show', task?.id ?? '', '--json'])).out) as {
    publications: { attempts: number; state: string }[];
  };
  expect(detail.publications).toEqual([
    expect.objectContaining({ state: 'published', attempts: 2 }),
  ]);
});

it('publishes the images a file shows by file name (copied into the data folder); refuses what is not an image, saving nothing', async () => {
  expect(await addGitSite('menu-e', server.token)).toMatch(/^0 /);
  const folder = await mkdtemp(join(dataDir, 'post-'));
  // A real 1×1 PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  await mkdir(join(folder, 'photos'));
  await writeFile(join(folder, 'photos', 'Soup of the day.png'), png);
  const file = join(folder, 'soup.md');
  await writeFile(
    file,
    '---\ntitle: Soup of the day\n---\nGarlic soup.\n\n![Garlic soup](<photos/Soup of the day.png>)\n',
  );
  const published = await cli(['publish', file, '--site', 'menu-e', '--wait', '5']);
  expect(published.err + published.out).toMatch(/menu-e\s+published/);
  expect(published.code).toBe(0);
  const git = (...args: string[]) =>
    run('git', ['--git-dir', join(server.root, 'menu-e.git'), ...args]).then((r) => r.stdout);
  const files = (await git('ls-tree', '-r', '--name-only', 'main')).split('\n');
  const image = files.find((f) => f.startsWith('static/images/soup/'));
  expect(image).toMatch(/^static\/images\/soup\/soup-of-the-day-[0-9a-f]{8}\.png$/);
  const post = await git('show', 'main:content/posts/soup.md');
  expect(post).toContain(`![Garlic soup](/images/soup/${image?.split('/').pop()})`);
  // The original may move or go away: the data folder keeps its own copy.
  const kept = await readdir(join(dataDir, 'uploads'));
  expect(kept.filter((f) => f.endsWith('.png'))).toHaveLength(1);

  await writeFile(join(folder, 'fake.jpg'), '<svg onload="alert(1)"></svg>');
  await writeFile(
    file,
    '---\ntitle: Bad image\n---\n![](photos/Soup%20of%20the%20day.png) ![x](fake.jpg)\n',
  );
  const refused = await cli(['publish', file, '--site', 'menu-e', '--wait', '5']);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('the image "fake.jpg" is not a JPEG, PNG, GIF or WebP image');
  expect(await readdir(join(dataDir, 'uploads'))).toEqual(kept);
  const missing = await writeFile(file, '---\ntitle: Missing\n---\n![x](nowhere.png)\n').then(() =>
    cli(['publish', file, '--site', 'menu-e', '--wait', '5']),
  );
  expect(missing.err).toMatch(/the image "nowhere.png" cannot be read/);
});

// `sitedesk client export` on a real file database: one client's tasks, texts with their
// publications and history, and the texts' images land in a tar.gz any tar lists; the other
// client's data and every secret stay out.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { withWorkspace } from '../../../src/cli/workspace.js';
import { captureIo } from './cli-io.js';

let root: string;
let env: NodeJS.ProcessEnv;
const SECRET = 'site-secret-never-exported-42';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sitedesk-client-export-'));
  env = { SITEDESK_DATA_DIR: join(root, 'data'), SITEDESK_SECRET_STORE: 'file', USER: 'anna' };
  await withWorkspace(env, async (ws) => {
    const who = { actor: 'anna' };
    const bakery = await ws.tasks.createClient(
      { name: 'Bakery Novák', timezone: 'Europe/Prague' },
      who,
    );
    const florist = await ws.tasks.createClient(
      { name: 'Florist', timezone: 'Europe/Prague' },
      who,
    );
    const site = await ws.tasks.createSite(
      {
        clientId: bakery.id,
        name: 'Blog',
        kind: 'wordpress',
        url: 'https://blog.example',
        settings: { username: 'anna' },
      },
      who,
    );
    await ws.secrets.store.set(`site:${site.id}`, SECRET);
    await mkdir(join(ws.config.dataDir, 'uploads'), { recursive: true });
    const image = join(ws.config.dataDir, 'uploads', 'cli-1.png');
    await writeFile(image, 'PNG bytes');
    const item = await ws.tasks.createContentItem(
      {
        clientId: bakery.id,
        title: 'Spring menu',
        slug: 'spring-menu',
        markdown: 'Soup ![Shop](shop.png)',
        images: [{ filename: 'shop.png', contentType: 'image/png', path: image }],
      },
      who,
    );
    await ws.tasks.requestPublish({ contentItemId: item.id, siteIds: [site.id] }, who);
    await ws.tasks.createTask(
      {
        clientId: bakery.id,
        kind: 'call',
        title: 'Call back about the cake',
        details: { caller: 'Jana', number: '+420123456789', at: '2026-12-05T09:00:00Z' },
      },
      who,
    );
    await ws.tasks.createTask(
      {
        clientId: florist.id,
        kind: 'call',
        title: 'Florist private call',
        details: { caller: 'Jana', number: '+420123456789', at: '2026-12-05T09:00:00Z' },
      },
      who,
    );
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('writes the client’s tasks, texts, history and images, and nothing of others or any secret', async () => {
  const to = join(root, 'bakery.tar.gz');
  const run = captureIo(env);
  expect(await runCli(['client', 'export', 'Bakery Novák', '--to', to], run.io)).toBe(0);
  expect(run.err()).toMatch(/Exported "Bakery Novák": 2 tasks, 1 texts, 1 files/);
  const listing = execFileSync('tar', ['-tzf', to], { encoding: 'utf8' }).trim().split('\n');
  expect(listing).toEqual(
    expect.arrayContaining([
      'README.txt',
      'client.json',
      'sites.json',
      'tasks.json',
      'history.json',
      'texts.json',
      'mail.json',
    ]),
  );
  expect(listing.some((n) => /^files\/texts\/[^/]+\/shop\.png$/.test(n))).toBe(true);
  const read = (name: string) => execFileSync('tar', ['-xzOf', to, name], { encoding: 'utf8' });
  const tasks = JSON.parse(read('tasks.json')) as { title: string }[];
  expect(tasks.map((t) => t.title).sort()).toEqual([
    'Call back about the cake',
    expect.stringMatching(/Spring menu/),
  ]);
  const texts = JSON.parse(read('texts.json')) as { publications: { state: string }[] }[];
  expect(texts[0]?.publications).toEqual([expect.objectContaining({ state: 'pending' })]);
  expect((JSON.parse(read('history.json')) as unknown[]).length).toBeGreaterThan(2);
  const everything = execFileSync('sh', ['-c', `gzip -dc ${to}`]).toString('utf8');
  expect(everything).not.toContain('Florist private call');
  expect(everything).not.toContain(SECRET);
});

it('says which client is unknown (exit 4) and writes nothing', async () => {
  const run = captureIo(env);
  expect(await runCli(['client', 'export', 'Nobody', '--to', join(root, 'x.tar.gz')], run.io)).toBe(
    4,
  );
  expect(() => execFileSync('ls', [join(root, 'x.tar.gz')], { stdio: 'ignore' })).toThrow();
});

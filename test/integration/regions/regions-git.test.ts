// Regions on static sites in Git (issue 23), against the real git server (test/env/git) with
// the four generator layouts of test/fixtures/sites: discovery finds the marked regions of
// content files and of the region folders; an update through the outbox changes only the
// region (every byte outside it compared on the pushed blob), one commit per real change,
// none for the same text; broken markers fail the publication and leave the file alone.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitConnector } from '../../../src/connectors/git/connector.js';
import type { Connector } from '../../../src/connectors/types.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createRunner, createTaskService, type Site } from '../../../src/tasks/index.js';
import { discoverRegions } from '../../../src/tasks/regions/index.js';
import { commitSubjects, fileOnMain, pushFromOtherClone } from '../../env/git/other-clone.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { fixtureSite } from '../git/harness.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const who = { actor: 'anna' };
let server: GitServer;
let dataDir: string;
let store: Store;
const secrets = createMemorySecretStore();

beforeAll(async () => {
  server = await startGitServer();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-regions-git-'));
  store = await openStore({ dataDir });
});
afterAll(async () => {
  await store?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

// Czech text, a table, a shortcode and CRLF-free Markdown around the region: all must stay.
const PAGE = [
  '---',
  'title: Otevírací doba',
  'date: 2024-02-01',
  '---',
  '',
  'Vítejte v pekárně „U Nováků“ — čerstvý chléb každý den.',
  '',
  '| Den | Pečivo |',
  '|-----|--------|',
  '| Po  | rohlíky |',
  '',
  '{{< figure src="/images/shop.jpg" alt="Obchod" >}}',
  '',
  '<!-- sitedesk:opening-hours -->',
  'Po–Pá 7–18',
  '<!-- /sitedesk:opening-hours -->',
  '',
  'Těšíme se na vás! ![mapa](/images/map.png)',
  '',
].join('\n');
const BROKEN = '---\ntitle: Menu\n---\n\n<!-- sitedesk:menu -->\nPolévka\n';

const layouts = {
  hugo: {
    page: 'content/hours.md',
    broken: 'content/menu.md',
    partial: 'layouts/partials/notice.html',
    regionDirs: ['layouts/partials'],
  },
  jekyll: {
    page: 'pages/hours.md',
    broken: 'pages/menu.md',
    partial: '_includes/notice.html',
    regionDirs: ['_includes'],
  },
  eleventy: {
    page: 'pages/hours.md',
    broken: 'pages/menu.md',
    partial: '_includes/notice.html',
    regionDirs: ['_includes'],
  },
  astro: {
    page: 'src/content/pages/hours.md',
    broken: 'src/content/pages/menu.md',
    partial: 'src/components/Notice.astro',
    regionDirs: ['src/components'],
  },
} as const;

const PARTIAL =
  '<aside class="notice">\n  <!-- sitedesk:notice -->\n  <p>No notice today.</p>\n  <!-- /sitedesk:notice -->\n</aside>\n';

/** The parts of `text` before the region's opening marker ends and from its closing marker on. */
function outside(text: string, name: string): [string, string] {
  const open = `<!-- sitedesk:${name} -->`;
  const close = `<!-- /sitedesk:${name} -->`;
  const a = text.indexOf(open) + open.length;
  const b = text.indexOf(close);
  expect(a).toBeGreaterThan(open.length - 1);
  expect(b).toBeGreaterThan(a);
  return [text.slice(0, a), text.slice(b)];
}

describe.each(Object.entries(layouts))('regions on a %s site', (generator, layout) => {
  it('discovers, updates only the region, commits once per change and never for the same text', async () => {
    const tasks = createTaskService({ store, clock: systemClock });
    const client = await tasks.createClient(
      { name: `Pekárna ${generator}`, timezone: 'Europe/Prague' },
      who,
    );
    const repo = await server.createRepo(
      `regions-${generator}`,
      fixtureSite(generator as keyof typeof layouts),
    );
    await pushFromOtherClone(
      repo.path,
      async (dir) => {
        for (const [path, text] of [
          [layout.page, PAGE],
          [layout.broken, BROKEN],
          [layout.partial, PARTIAL],
        ] as const) {
          await mkdir(join(dir, path, '..'), { recursive: true });
          await writeFile(join(dir, path), text);
        }
      },
      'owner adds marked regions',
    );
    const site = await tasks.createSite(
      {
        clientId: client.id,
        name: `Web ${generator}`,
        kind: 'git',
        url: `https://${generator}.example.test`,
        settings: {
          repoUrl: repo.url,
          generator,
          regionDirs: [...layout.regionDirs],
          author: { name: 'Sitedesk', email: 'sitedesk@example.test' },
        },
      },
      who,
    );
    await secrets.set(`site:${site.id}`, server.token);
    let connector: Connector | undefined;
    const connectorFor = (s: Site): Connector =>
      (connector ??= createGitConnector(
        { id: s.id, url: s.url, settings: s.settings },
        { secrets, logger: createSilentLogger(), clock: systemClock, dataDir },
      ));
    const deps = { ...tasks.deps, logger: createSilentLogger(), connectorFor };

    // Discovery: the page's and the partial's regions, the broken page reported.
    const found = await discoverRegions(tasks.deps, site.id, connectorFor, who);
    const byName = new Map(found.regions.map((r) => [r.name, r]));
    expect(byName.get('opening-hours')).toMatchObject({
      status: 'ok',
      siteKind: 'git',
      generator,
      page: { ref: layout.page, title: 'Otevírací doba' },
      label: 'Opening hours',
      content: 'Po–Pá 7–18',
    });
    expect(byName.get('notice')).toMatchObject({ status: 'ok', page: { ref: layout.partial } });
    expect(byName.get('notice')?.content).toBe('No notice today.');
    expect(byName.get('menu')).toMatchObject({
      status: 'broken',
      problem: { code: 'region_broken' },
    });
    expect(found.problems).toEqual([
      expect.objectContaining({ pageRef: layout.broken, code: 'region_broken' }),
    ]);
    // The fixture's own data files are changed by key path, never listed as marked regions.
    expect(found.regions.every((r) => !/\.(json|ya?ml|toml)$/.test(r.page.ref))).toBe(true);

    const hours = byName.get('opening-hours');
    const notice = byName.get('notice');
    if (!hours || !notice) throw new Error('regions not found');
    const before = (await fileOnMain(repo.path, layout.page)) ?? '';
    const partialBefore = (await fileOnMain(repo.path, layout.partial)) ?? '';
    const commits = (await commitSubjects(repo.path)).length;

    // One text into both regions: one task, one publication for the site, two commits.
    const text = '**Po–Pá** 7–18\n\nSobota: *zavřeno*';
    const update = await tasks.requestRegionUpdate(
      { regionIds: [hours.id, notice.id], content: text },
      who,
    );
    expect(update.unchanged).toEqual([]);
    await createRunner({}, deps).runDue();
    const done = await tasks.getTask(update.taskId);
    expect(done.task.status).toBe('done');
    expect(done.publications).toHaveLength(1);
    const after = (await fileOnMain(repo.path, layout.page)) ?? '';
    const partialAfter = (await fileOnMain(repo.path, layout.partial)) ?? '';
    expect(outside(after, 'opening-hours')).toEqual(outside(before, 'opening-hours'));
    expect(outside(partialAfter, 'notice')).toEqual(outside(partialBefore, 'notice'));
    // Markdown into the Markdown file, rendered HTML into the partial.
    expect(after).toContain(
      '<!-- sitedesk:opening-hours -->\n**Po–Pá** 7–18\n\nSobota: *zavřeno*\n<!-- /sitedesk:opening-hours -->',
    );
    expect(partialAfter).toContain('<p><strong>Po–Pá</strong> 7–18</p>');
    expect(partialAfter).not.toContain('No notice today.');
    const subjects = await commitSubjects(repo.path);
    expect(subjects).toHaveLength(commits + 2);
    expect(subjects.slice(0, 2).sort()).toEqual([
      `sitedesk: update "notice" in ${layout.partial}`,
      `sitedesk: update "opening-hours" in ${layout.page}`,
    ]);
    const remembered = await tasks.getContentItem(done.task.contentItemId ?? '');
    expect(remembered).toMatchObject({ kind: 'region', regionIds: [hours.id, notice.id] });

    // The same text again: reported unchanged, the task completes, no commit.
    const again = await tasks.requestRegionUpdate(
      { regionIds: [hours.id, notice.id], content: text },
      who,
    );
    expect(again.unchanged.sort()).toEqual([hours.id, notice.id].sort());
    await createRunner({}, deps).runDue();
    expect((await tasks.getTask(again.taskId)).task.status).toBe('done');
    expect(await commitSubjects(repo.path)).toHaveLength(commits + 2);
    expect(await fileOnMain(repo.path, layout.page)).toBe(after);

    // Someone removes the closing marker: the publication fails, saying how to put it back,
    // and the file is exactly as that person left it.
    await pushFromOtherClone(
      repo.path,
      async (dir) => {
        const file = join(dir, layout.page);
        await writeFile(
          file,
          (await readFile(file, 'utf8')).replace('<!-- /sitedesk:opening-hours -->', ''),
        );
      },
      'owner edits the page',
    );
    const edited = (await fileOnMain(repo.path, layout.page)) ?? '';
    const failing = await tasks.requestRegionUpdate(
      { regionIds: [hours.id], content: 'Po–Ne 8–20' },
      who,
    );
    await createRunner({}, deps).runDue();
    const failed = await tasks.getTask(failing.taskId);
    expect(failed.task.status).toBe('failed');
    expect(failed.publications[0]?.state).toBe('failed');
    expect(failed.publications[0]?.lastError).toMatch(
      /opening-hours.*put <!-- sitedesk:opening-hours --> … <!-- \/sitedesk:opening-hours -->.*\[region_broken\]$/s,
    );
    expect(await fileOnMain(repo.path, layout.page)).toBe(edited);
    expect((await commitSubjects(repo.path))[0]).toBe('owner edits the page');
    const [region] = (await tasks.getTask(failing.taskId)).publications;
    expect(region).toBeDefined();
  });
});

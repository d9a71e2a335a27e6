// A weekly region schedule (issue 23) with a fake clock, against the real git server: each
// Monday's run fills the "this week's menu" region of two static sites (Hugo and Eleventy)
// from one text, one commit per site; a schedule whose text the client must supply waits for
// it (the task says so) and fills the regions once the text arrives.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGitConnector } from '../../../src/connectors/git/connector.js';
import type { Connector } from '../../../src/connectors/types.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { createFakeClock, systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createRunner, createTaskService, type Site } from '../../../src/tasks/index.js';
import { discoverRegions } from '../../../src/tasks/regions/index.js';
import { commitSubjects, fileOnMain, pushFromOtherClone } from '../../env/git/other-clone.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { fixtureSite } from '../git/harness.js';
import { outside } from './flow.js';

const who = { actor: 'anna' };
let server: GitServer;
let dataDir: string;
let store: Store;

beforeAll(async () => {
  server = await startGitServer();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-region-schedule-'));
  store = await openStore({ dataDir });
});
afterAll(async () => {
  await store?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const PAGE =
  '---\ntitle: Jídelní lístek\n---\n\nDobrou chuť!\n\n<!-- sitedesk:weekly-menu -->\nNic.\n<!-- /sitedesk:weekly-menu -->\n\nPekárna U Nováků\n';

it('fills the region of two sites every Monday, and waits for the client’s text when it must', async () => {
  // Sunday 2026-03-01 09:00 in Prague.
  const clock = createFakeClock(Date.UTC(2026, 2, 1, 8));
  const tasks = createTaskService({ store, clock });
  const secrets = createMemorySecretStore();
  const client = await tasks.createClient(
    { name: 'Pekárna', timezone: 'Europe/Prague', languages: ['cs'] },
    who,
  );
  const sites: { site: Site; repo: string; page: string }[] = [];
  for (const [generator, page] of [
    ['hugo', 'content/menu.md'],
    ['eleventy', 'pages/menu.md'],
  ] as const) {
    const repo = await server.createRepo(`schedule-${generator}`, fixtureSite(generator));
    await pushFromOtherClone(
      repo.path,
      async (dir) => {
        await mkdir(join(dir, page, '..'), { recursive: true });
        await writeFile(join(dir, page), PAGE);
      },
      'owner marks the menu',
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
          author: { name: 'Sitedesk', email: 'sitedesk@example.test' },
        },
      },
      who,
    );
    await secrets.set(`site:${site.id}`, server.token);
    sites.push({ site, repo: repo.path, page });
  }
  const connectors = new Map<string, Connector>();
  const connectorFor = (site: Site): Connector => {
    const made =
      connectors.get(site.id) ??
      createGitConnector(
        { id: site.id, url: site.url, settings: site.settings },
        { secrets, logger: createSilentLogger(), clock: systemClock, dataDir },
      );
    connectors.set(site.id, made);
    return made;
  };
  const regionIds: string[] = [];
  for (const { site } of sites) {
    const { regions } = await discoverRegions(tasks.deps, site.id, connectorFor, who);
    regionIds.push(...regions.filter((r) => r.name === 'weekly-menu').map((r) => r.id));
  }
  expect(regionIds).toHaveLength(2);
  const runner = createRunner({}, { ...tasks.deps, logger: createSilentLogger(), connectorFor });

  const schedule = await tasks.createSchedule(
    {
      clientId: client.id,
      name: 'This week’s menu',
      rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=7;BYMINUTE=0' },
      target: { regionIds },
      template: {
        kind: 'region',
        title: 'Menu {{date}}',
        slug: 'menu-{{date}}',
        markdown: '**Týden od {{date}}**: polévka, knedlíky',
      },
    },
    who,
  );
  expect(schedule).toMatchObject({
    target: { regionIds },
    siteIds: sites.map((s) => s.site.id).sort(),
  });
  const before = await Promise.all(sites.map((s) => fileOnMain(s.repo, s.page)));
  const commits = await Promise.all(sites.map(async (s) => (await commitSubjects(s.repo)).length));

  for (const [week, date] of [
    [0, '2026-03-02'],
    [1, '2026-03-09'],
  ] as const) {
    await clock.set(Date.UTC(2026, 2, 2 + 7 * week, 6, 0, 5)); // Monday 07:00:05 in Prague
    const { dispatched } = await tasks.dispatchDueSchedules();
    expect(dispatched).toHaveLength(1);
    await runner.runDue();
    const { task, publications } = await tasks.getTask(dispatched[0]?.taskId ?? '');
    expect(task.status).toBe('done');
    expect(publications.map((p) => p.state)).toEqual(['published', 'published']);
    for (const [i, s] of sites.entries()) {
      const text = (await fileOnMain(s.repo, s.page)) ?? '';
      expect(text).toContain(
        `<!-- sitedesk:weekly-menu -->\n**Týden od ${date}**: polévka, knedlíky\n<!-- /sitedesk:weekly-menu -->`,
      );
      expect(outside(text, 'weekly-menu')).toEqual(outside(before[i] ?? '', 'weekly-menu'));
      expect(await commitSubjects(s.repo)).toHaveLength((commits[i] ?? 0) + week + 1);
    }
  }

  // The client supplies the menu: the run waits for it and says so, then fills both regions.
  await tasks.updateSchedule(
    schedule.id,
    {
      template: {
        kind: 'region',
        title: 'Menu {{date}}',
        slug: 'menu-{{date}}',
        markdown: 'x',
        waitsForClient: true,
      },
    },
    who,
  );
  await clock.set(Date.UTC(2026, 2, 16, 6, 0, 5));
  const [waiting] = (await tasks.dispatchDueSchedules()).dispatched;
  const held = await tasks.getTask(waiting?.taskId ?? '');
  expect(held.task.status).toBe('waiting_client');
  expect(held.publications).toEqual([]);
  await runner.runDue();
  const { released } = await tasks.supplyScheduleText(
    { scheduleId: schedule.id, date: '2026-03-16', text: 'Guláš a *buchty*' },
    who,
  );
  expect(released?.status).toBe('scheduled');
  await runner.runDue();
  expect((await tasks.getTask(released?.id ?? '')).task.status).toBe('done');
  for (const s of sites)
    expect(await fileOnMain(s.repo, s.page)).toContain(
      '<!-- sitedesk:weekly-menu -->\nGuláš a *buchty*\n<!-- /sitedesk:weekly-menu -->',
    );
});

// The runner against the real git connector and a real git server (test/env/git): four
// static sites, each its own repository, one content item, then a "crash" that leaves every
// publication in flight; the restarted runner resumes them and each site keeps one copy.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGitConnector } from '../../../src/connectors/git/connector.js';
import type { Connector } from '../../../src/connectors/types.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createRunner, createTaskService, type Site } from '../../../src/tasks/index.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';

const run = promisify(execFile);
const who = { actor: 'anna' };
let server: GitServer;
let dataDir: string;
let store: Store;

beforeAll(async () => {
  server = await startGitServer();
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-runner-git-'));
  store = await openStore({ dataDir });
});
afterAll(async () => {
  await store?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('publishes one item to four git sites, and after a crash resumes without a second copy', async () => {
  const tasks = createTaskService({ store, clock: systemClock });
  const secrets = createMemorySecretStore();
  const client = await tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who);
  const hugo = fileURLToPath(new URL('../../fixtures/sites/hugo/', import.meta.url));
  const repos = new Map<string, string>();
  for (let i = 0; i < 4; i++) {
    const repo = await server.createRepo(`site-${i}`, hugo);
    const site = await tasks.createSite(
      {
        clientId: client.id,
        name: `Site ${i}`,
        kind: 'git',
        url: `https://site-${i}.example.test`,
        settings: {
          repoUrl: repo.url,
          generator: 'hugo',
          author: { name: 'Sitedesk', email: 'sitedesk@example.test' },
        },
      },
      who,
    );
    await secrets.set(`site:${site.id}`, server.token);
    repos.set(site.id, repo.path);
  }
  const connectors = new Map<string, Connector>();
  const connectorFor = (site: Site): Connector => {
    const existing = connectors.get(site.id);
    if (existing) return existing;
    const connector = createGitConnector(
      { id: site.id, url: site.url, settings: site.settings },
      { secrets, logger: createSilentLogger(), clock: systemClock, dataDir },
    );
    connectors.set(site.id, connector);
    return connector;
  };
  const item = await tasks.createContentItem(
    { clientId: client.id, title: 'Spring menu', slug: 'spring-menu', markdown: 'Garlic soup.' },
    who,
  );
  const { task } = await tasks.requestPublish(
    { contentItemId: item.id, siteIds: [...repos.keys()] },
    who,
  );

  const deps = { ...tasks.deps, logger: createSilentLogger(), connectorFor };
  await createRunner({}, deps).runDue();
  let got = await tasks.getTask(task.id);
  expect(got.task.status).toBe('done');
  for (const p of got.publications) {
    expect(p).toMatchObject({ state: 'published', attempts: 1, lastError: null });
    expect(p.url).toMatch(/^https:\/\/site-\d\.example\.test\/.*spring-menu/);
  }

  // The crash: every result "lost" after the push (rows still in flight).
  await store.db.updateTable('publications').set({ state: 'publishing' }).execute();
  const controller = new AbortController();
  const restarted = createRunner({ pollMs: 50 }, deps).run(controller.signal);
  for (let i = 0; i < 200; i++) {
    got = await tasks.getTask(task.id);
    if (got.publications.every((p) => p.state === 'published')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  controller.abort();
  await restarted;
  expect(got.publications.map((p) => [p.state, p.attempts])).toEqual(
    [...repos.keys()].map(() => ['published', 2]),
  );
  for (const path of repos.values()) {
    const { stdout } = await run('git', [
      '--git-dir',
      path,
      'ls-tree',
      '-r',
      '--name-only',
      'main',
    ]);
    expect(stdout.split('\n').filter((f) => f.includes('spring-menu'))).toHaveLength(1);
  }
});

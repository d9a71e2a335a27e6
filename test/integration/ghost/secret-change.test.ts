// A Ghost Admin API key revoked and replaced while sitedesk runs (issue 17): the new key,
// stored in the secret store, is used at the next attempt — no restart. Real Ghost, real
// runner, the real connector cache the service uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectorCache } from '../../../src/connectors/registry.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { createRunner, createTaskService, type Runner } from '../../../src/tasks/index.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';

const who = { actor: 'anna' };
let ghost: GhostInstance;
let store: Store;
let dataDir: string;
const secrets = createMemorySecretStore();
let tasks: ReturnType<typeof createTaskService>;
let runner: Runner;
let siteId: string;
let clientId: string;
let revokeFirst: () => Promise<void>;

beforeAll(async () => {
  ghost = await startGhost();
  dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-ghost-key-'));
  store = await openStore({ dataDir: ':memory:' });
  tasks = createTaskService({ store, clock: systemClock });
  clientId = (await tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who)).id;
  siteId = (await tasks.createSite({ clientId, name: 'News', kind: 'ghost', url: ghost.url }, who))
    .id;
  const first = await ghost.admin.createIntegration('first key');
  await secrets.set(`site:${siteId}`, first.adminKey);
  const logger = createSilentLogger();
  const connectorFor = createConnectorCache({ secrets, logger, clock: systemClock, dataDir });
  runner = createRunner(
    { maxAttempts: 1 },
    { ...tasks.deps, logger, connectorFor: (site) => connectorFor(site) },
  );
  // Revoking this one later is the test.
  revokeFirst = () => ghost.admin.deleteIntegration(first.id);
}, 180_000);
afterAll(async () => {
  await store?.close();
  await ghost?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function publish(slug: string) {
  const item = await tasks.createContentItem(
    { clientId, title: slug, slug, markdown: `About ${slug}` },
    who,
  );
  const { publications } = await tasks.requestPublish(
    { contentItemId: item.id, siteIds: [siteId] },
    who,
  );
  await runner.runDue();
  const [publication] = await tasks.listPublications({ taskId: publications[0]?.taskId });
  return publication;
}

describe('a Ghost key replaced while sitedesk runs', () => {
  it('is used at the next attempt: published once, without a restart', async () => {
    expect(await publish('before-key-change')).toMatchObject({ state: 'published' });
    await revokeFirst();
    const refused = await publish('after-key-change');
    expect(refused).toMatchObject({ state: 'failed' });
    expect(refused?.lastError).toMatch(/\b401\b|\b403\b/);
    const second = await ghost.admin.createIntegration('second key');
    await secrets.set(`site:${siteId}`, second.adminKey);
    await runner.retryNow(refused?.id ?? '', who);
    await runner.runDue();
    const [again] = await tasks.listPublications({ taskId: refused?.taskId });
    expect(again).toMatchObject({ state: 'published' });
    const found = await ghost.admin.request<{ posts: unknown[] }>(
      'GET',
      `/posts/?filter=slug:after-key-change&limit=all`,
    );
    expect(found.posts).toHaveLength(1);
  });
});

/**
 * One client with one real site, the task service on a fresh database, the connector cache
 * the service uses and a runner (one attempt per publication): for integration tests that
 * publish through the whole pipeline to a real WordPress, Ghost or git server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectorCache } from '../../src/connectors/registry.js';
import { createMemorySecretStore } from '../../src/secrets/memory-store.js';
import type { SecretStore } from '../../src/secrets/types.js';
import { systemClock } from '../../src/shared/clock.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { openStore } from '../../src/store/index.js';
import {
  createRunner,
  createTaskService,
  type Publication,
  type Runner,
  type TaskService,
} from '../../src/tasks/index.js';

const who = { actor: 'anna' };

/** The pipeline around one site. */
export interface OneSiteRunner {
  tasks: TaskService;
  runner: Runner;
  secrets: SecretStore;
  siteId: string;
  clientId: string;
  /** Writes a text and publishes it to the site; answers its publication once the runner is done. */
  publish(slug: string): Promise<Publication | undefined>;
  /** Retry now, then run: answers the publication as it then is. */
  retry(publication: Publication | undefined): Promise<Publication | undefined>;
  close(): Promise<void>;
}

/** Sets it up; `secret` is stored for the site the way the web app and the CLI store it. */
export async function startOneSiteRunner(site: {
  kind: 'wordpress' | 'ghost' | 'git';
  url: string;
  settings?: Record<string, unknown>;
  secret: string;
}): Promise<OneSiteRunner> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-one-site-'));
  const store = await openStore({ dataDir: ':memory:' });
  const tasks = createTaskService({ store, clock: systemClock });
  const secrets = createMemorySecretStore();
  const clientId = (await tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who))
    .id;
  const { id: siteId } = await tasks.createSite(
    { clientId, name: 'Site', kind: site.kind, url: site.url, settings: site.settings ?? {} },
    who,
  );
  await secrets.set(`site:${siteId}`, site.secret);
  const logger = createSilentLogger();
  const connectorFor = createConnectorCache({ secrets, logger, clock: systemClock, dataDir });
  const runner = createRunner(
    { maxAttempts: 1 },
    { ...tasks.deps, logger, connectorFor: (s) => connectorFor(s) },
  );
  const current = async (taskId: string | undefined) =>
    (await tasks.listPublications({ taskId }))[0];
  return {
    tasks,
    runner,
    secrets,
    siteId,
    clientId,
    async publish(slug) {
      const item = await tasks.createContentItem(
        { clientId, title: slug, slug, markdown: `About ${slug}` },
        who,
      );
      const { task } = await tasks.requestPublish(
        { contentItemId: item.id, siteIds: [siteId] },
        who,
      );
      await runner.runDue();
      return current(task.id);
    },
    async retry(publication) {
      await runner.retryNow(publication?.id ?? '', who);
      await runner.runDue();
      return current(publication?.taskId);
    },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

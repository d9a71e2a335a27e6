// A WordPress Application Password revoked and replaced while sitedesk runs (issue 17): the
// new one, stored in the secret store, is used at the next attempt — no restart, no stale
// connector. Real WordPress, real runner, the real connector cache the service uses.
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
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';

const who = { actor: 'anna' };
let wp: RunningWordPress;
let store: Store;
let dataDir: string;
const secrets = createMemorySecretStore();
let tasks: ReturnType<typeof createTaskService>;
let runner: Runner;
let siteId: string;
let clientId: string;

beforeAll(async () => {
  wp = await startWordPress();
  dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-secret-change-'));
  store = await openStore({ dataDir: ':memory:' });
  tasks = createTaskService({ store, clock: systemClock });
  clientId = (await tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, who)).id;
  siteId = (
    await tasks.createSite(
      {
        clientId,
        name: 'Blog',
        kind: 'wordpress',
        url: wp.url,
        settings: { username: wp.username },
      },
      who,
    )
  ).id;
  await secrets.set(`site:${siteId}`, wp.appPassword);
  const logger = createSilentLogger();
  const connectorFor = createConnectorCache({ secrets, logger, clock: systemClock, dataDir });
  runner = createRunner(
    { maxAttempts: 1 },
    { ...tasks.deps, logger, connectorFor: (site) => connectorFor(site) },
  );
}, 120_000);
afterAll(async () => {
  await store?.close();
  await wp?.stop();
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

// Revokes every Application Password of the admin in WordPress and makes a new one.
function replacePassword(): string {
  return wp.php(`
    $user = get_user_by('login', ${JSON.stringify(wp.username)});
    foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $p)
      WP_Application_Passwords::delete_application_password($user->ID, $p['uuid']);
    $made = WP_Application_Passwords::create_new_application_password($user->ID, array('name' => 'replaced'));
    echo $made[0];
  `);
}

describe('a WordPress password replaced while sitedesk runs', () => {
  it('is used at the next attempt: published once, without a restart', async () => {
    expect(await publish('before-change')).toMatchObject({ state: 'published' });
    const fresh = replacePassword();
    expect(fresh).toMatch(/^[A-Za-z0-9]{24}$/);
    const refused = await publish('after-change');
    expect(refused).toMatchObject({ state: 'failed' });
    // A revoked password makes WordPress treat the request as anonymous: depending on the
    // request, 401 or a 400 on `status=any` (which anonymous callers may not ask for).
    expect(refused?.lastError).toMatch(/\b401\b|rest_invalid_param.*status/);
    // Stored the way the web app, the API and the CLI store it.
    await secrets.set(`site:${siteId}`, fresh);
    await runner.retryNow(refused?.id ?? '', who);
    await runner.runDue();
    const [again] = await tasks.listPublications({ taskId: refused?.taskId });
    expect(again).toMatchObject({ state: 'published' });
    // Counted inside WordPress (the password the REST reader knew is revoked).
    const count = wp.php(
      "echo count(get_posts(array('name' => 'after-change', 'post_status' => 'any', 'post_type' => 'post')));",
    );
    expect(count).toBe('1');
  });
});

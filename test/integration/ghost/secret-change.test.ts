// A Ghost Admin API key revoked and replaced while sitedesk runs (issue 17): the new key,
// stored in the secret store, is used at the next attempt — no restart. Real Ghost, real
// runner, the real connector cache the service uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import { startOneSiteRunner, type OneSiteRunner } from '../one-site-runner.js';

let ghost: GhostInstance;
let pipeline: OneSiteRunner;
let firstId: string;

beforeAll(async () => {
  ghost = await startGhost();
  const first = await ghost.admin.createIntegration('first key');
  firstId = first.id;
  pipeline = await startOneSiteRunner({ kind: 'ghost', url: ghost.url, secret: first.adminKey });
}, 180_000);
afterAll(async () => {
  await pipeline?.close();
  await ghost?.stop();
});

describe('a Ghost key replaced while sitedesk runs', () => {
  it('is used at the next attempt: published once, without a restart', async () => {
    expect(await pipeline.publish('before-key-change')).toMatchObject({ state: 'published' });
    await ghost.admin.deleteIntegration(firstId);
    const refused = await pipeline.publish('after-key-change');
    expect(refused).toMatchObject({ state: 'failed' });
    expect(refused?.lastError).toMatch(/\b401\b|\b403\b/);
    const second = await ghost.admin.createIntegration('second key');
    await pipeline.secrets.set(`site:${pipeline.siteId}`, second.adminKey);
    expect(await pipeline.retry(refused)).toMatchObject({ state: 'published' });
    const found = await ghost.admin.request<{ posts: unknown[] }>(
      'GET',
      `/posts/?filter=slug:after-key-change&limit=all`,
    );
    expect(found.posts).toHaveLength(1);
  });
});

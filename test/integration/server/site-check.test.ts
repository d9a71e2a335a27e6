/**
 * The API against a real WordPress (test/env/wordpress): site check runs the real connector's
 * verify(), and publish / retry / cancel go through the real runner. The site's Application
 * Password is the planted secret: no response or log line of this run may contain it.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWordPressConnector } from '../../../src/connectors/wordpress/connector.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createRunner, type Runner } from '../../../src/tasks/index.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { assertNoLeak, createHarness, type Harness } from '../../unit/server/harness.js';

let wp: RunningWordPress;
let h: Harness;
let runner: Runner;

beforeAll(async () => {
  wp = await startWordPress();
  h = await createHarness(({ tasks, secrets, logger }) => {
    const connectorFor = (site: { id: string; url: string; settings: Record<string, unknown> }) =>
      createWordPressConnector(
        {
          id: site.id,
          url: site.url,
          settings: { ...site.settings, retryBaseDelayMs: 20, retryMaxDelayMs: 100 },
        },
        { secrets, logger, clock: systemClock },
      );
    runner = createRunner({ maxAttempts: 1 }, { ...tasks.deps, logger, connectorFor });
    return { connectorFor, publications: runner };
  });
});

afterAll(async () => {
  if (h) {
    assertNoLeak(h, [wp.appPassword, wp.appPassword.replace(/ /g, '')]);
    await h.close();
  }
  await wp?.stop();
});

const auth = () => ({ Authorization: h.adminToken });

describe('the API with the real WordPress connector and runner', () => {
  let siteId: string;

  it('adds a site with its app password and checks it: every check passes', async () => {
    const site = await request(h.http)
      .post('/api/v1/sites')
      .set(auth())
      .send({
        clientId: h.clientA.id,
        name: 'Real WP',
        kind: 'wordpress',
        url: wp.url,
        settings: { username: wp.username },
        secret: wp.appPassword,
      })
      .expect(201);
    siteId = site.body.id;
    const check = await request(h.http)
      .post(`/api/v1/sites/${siteId}/check`)
      .set(auth())
      .expect(200);
    expect(check.body.ok, JSON.stringify(check.body)).toBe(true);
    expect(check.body.checks.length).toBeGreaterThan(0);
  });

  it('names the cause when the secret is wrong, and publishes after it is replaced and retried', async () => {
    await request(h.http)
      .put(`/api/v1/sites/${siteId}/secret`)
      .set(auth())
      .send({ secret: 'abcd efgh ijkl mnop qrst uvwx' })
      .expect(204);
    const check = await request(h.http)
      .post(`/api/v1/sites/${siteId}/check`)
      .set(auth())
      .expect(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.cause.message).toEqual(expect.any(String));
    expect(check.body.check).toMatchObject({ ok: false });

    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set(auth())
      .send({
        clientId: h.clientA.id,
        title: 'API post',
        slug: 'api-post',
        markdown: 'From the **API**.',
      })
      .expect(201);
    // A site whose last check failed cannot be chosen for publishing (issue 14).
    const refused = await request(h.http)
      .post('/api/v1/publish')
      .set(auth())
      .send({ contentItemId: item.body.id, siteIds: [siteId] })
      .expect(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'siteIds.0' });
    await request(h.http)
      .put(`/api/v1/sites/${siteId}/secret`)
      .set(auth())
      .send({ secret: wp.appPassword })
      .expect(204);
    const queued = await request(h.http)
      .post('/api/v1/publish')
      .set(auth())
      .send({ contentItemId: item.body.id, siteIds: [siteId] })
      .expect(201);
    // The password stops working after the check (revoked in WordPress): the publish fails.
    await h.secrets.set(`site:${siteId}`, 'abcd efgh ijkl mnop qrst uvwx');
    await runner.runDue();
    const failed = await request(h.http)
      .get(`/api/v1/publications?taskId=${queued.body.task.id}`)
      .set(auth())
      .expect(200);
    expect(failed.body.items[0].state).toBe('failed');

    await request(h.http)
      .put(`/api/v1/sites/${siteId}/secret`)
      .set(auth())
      .send({ secret: wp.appPassword })
      .expect(204);
    const retried = await request(h.http)
      .post(`/api/v1/publications/${failed.body.items[0].id}/retry`)
      .set(auth())
      .expect(200);
    expect(retried.body.state).toBe('pending');
    await runner.runDue();
    const done = await request(h.http)
      .get(`/api/v1/publications?taskId=${queued.body.task.id}`)
      .set(auth())
      .expect(200);
    expect(done.body.items[0]).toMatchObject({
      state: 'published',
      url: expect.stringContaining(wp.url),
    });
    const live = await fetch(done.body.items[0].url);
    expect(await live.text()).toContain('API post');
  });

  it('cancels a pending publication before the runner takes it', async () => {
    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set(auth())
      .send({ clientId: h.clientA.id, title: 'Never', slug: 'never', markdown: 'No.' })
      .expect(201);
    const queued = await request(h.http)
      .post('/api/v1/publish')
      .set(auth())
      .send({ contentItemId: item.body.id, siteIds: [siteId] })
      .expect(201);
    const cancelled = await request(h.http)
      .post(`/api/v1/publications/${queued.body.publications[0].id}/cancel`)
      .set(auth())
      .expect(200);
    expect(cancelled.body.state).toBe('cancelled');
    await runner.runDue();
    const posts = (await (
      await fetch(`${wp.url}/wp-json/wp/v2/posts?slug=never`)
    ).json()) as unknown[];
    expect(posts).toEqual([]);
  });
});

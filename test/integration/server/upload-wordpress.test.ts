/**
 * An image uploaded through the API reaches a real WordPress (test/env/wordpress): upload,
 * content item naming it by upload id and by filename in the Markdown, publish through the
 * real runner and connector; the media library has it and the post shows it.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWordPressConnector } from '../../../src/connectors/wordpress/connector.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createRunner, type Runner } from '../../../src/tasks/index.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { rest } from '../wordpress/helpers.js';
import { assertNoLeak, createHarness, type Harness } from '../../unit/server/harness.js';

// A real 1×1 PNG: WordPress checks that an uploaded image decodes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let wp: RunningWordPress;
let h: Harness;
let runner: Runner;

beforeAll(async () => {
  wp = await startWordPress();
  h = await createHarness(({ tasks, secrets, logger }) => {
    const connectorFor = (site: { id: string; url: string; settings: Record<string, unknown> }) =>
      createWordPressConnector(
        { id: site.id, url: site.url, settings: site.settings },
        { secrets, logger, clock: systemClock },
      );
    runner = createRunner({ maxAttempts: 1 }, { ...tasks.deps, logger, connectorFor });
    return { connectorFor, publications: runner };
  });
});

afterAll(async () => {
  if (h) {
    assertNoLeak(h, [wp.appPassword, h.uploadDir]);
    await h.close();
  }
  await wp?.stop();
});

describe('an API-uploaded image on a real WordPress', () => {
  it('lands in the media library and in the published post', async () => {
    const auth = { Authorization: h.adminToken };
    const site = await request(h.http)
      .post('/api/v1/sites')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        name: 'Real WP',
        kind: 'wordpress',
        url: wp.url,
        settings: { username: wp.username },
        secret: wp.appPassword,
      })
      .expect(201);
    const upload = await request(h.http)
      .post('/api/v1/uploads')
      .set(auth)
      .attach('images', PNG, { filename: 'Výloha obchodu.png', contentType: 'image/png' })
      .expect(201);
    const image = upload.body.items[0] as { id: string; filename: string };
    expect(image.filename).toMatch(/^vyloha-obchodu-[a-z0-9]{8}\.png$/);
    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        title: 'Our new shop window',
        slug: 'new-shop-window',
        markdown: `Come and see it.\n\n![The shop window](${image.filename})`,
        images: [{ uploadId: image.id, alt: 'The shop window' }],
      })
      .expect(201);
    const queued = await request(h.http)
      .post('/api/v1/publish')
      .set(auth)
      .send({ contentItemId: item.body.id, siteIds: [site.body.id] })
      .expect(201);
    await runner.runDue();
    const done = await request(h.http)
      .get(`/api/v1/publications?taskId=${String(queued.body.task.id)}`)
      .set(auth)
      .expect(200);
    expect(done.body.items[0], JSON.stringify(done.body.items[0])).toMatchObject({
      state: 'published',
    });

    const media = await rest<{ source_url: string; alt_text: string; mime_type: string }[]>(
      wp,
      '/wp/v2/media',
      { search: 'vyloha-obchodu', per_page: '10' },
    );
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ mime_type: 'image/png', alt_text: 'The shop window' });
    const stored = await fetch(media[0]!.source_url);
    expect(Buffer.compare(Buffer.from(await stored.arrayBuffer()), PNG)).toBe(0);
    const live = await (await fetch(String(done.body.items[0].url))).text();
    expect(live).toContain(media[0]!.source_url);
  });
});

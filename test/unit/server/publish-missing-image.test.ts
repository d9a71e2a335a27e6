// A publication whose image file is gone from the server fails with a message that names the
// image only — never the server's path — and is not retried (uploading again is the remedy).
import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner } from '../../../src/tasks/index.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';
import { PNG } from './image-bytes.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h, [h.uploadDir]);
  await h.close();
});

const agency = () => ({ Authorization: h.secretaryToken });

describe('publishing an item whose image file was deleted', () => {
  it('fails (not retried) with lastError naming the image filename and no server path', async () => {
    const upload = await request(h.http)
      .post('/api/v1/uploads')
      .set(agency())
      .attach('images', PNG, { filename: 'shop.png', contentType: 'image/png' })
      .expect(201);
    const photo = upload.body.items[0] as { id: string; filename: string };
    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        title: 'Shop',
        slug: 'shop',
        markdown: 'Body',
        images: [{ uploadId: photo.id }],
      })
      .expect(201);
    rmSync((await h.tasks.getUploadFile(photo.id)).path);
    const queued = await request(h.http)
      .post('/api/v1/publish')
      .set(agency())
      .send({ contentItemId: String(item.body.id), siteIds: [h.siteA.id] })
      .expect(201);
    let published = 0;
    const connector = {
      kind: 'wordpress',
      capabilities: new Set(),
      publish: async () => {
        published++;
        return {
          remoteId: '1',
          url: 'https://a.example/shop/',
          status: 'published',
          created: true,
        };
      },
    } as unknown as Connector;
    const runner = createRunner(
      {},
      { ...h.tasks.deps, logger: createSilentLogger(), connectorFor: () => connector },
    );
    await runner.runDue();
    expect(published).toBe(0);
    const res = await request(h.http)
      .get('/api/v1/publications')
      .query({ taskId: String(queued.body.task.id) })
      .set(agency())
      .expect(200);
    const [publication] = res.body.items as { state: string; lastError: string }[];
    expect(publication?.state).toBe('failed');
    expect(publication?.lastError).toContain(photo.filename);
    expect(publication?.lastError).toMatch(/no longer on the server; upload it again/);
    expect(publication?.lastError).not.toContain('/');
    expect(publication?.lastError).not.toContain('ENOENT');
  });
});

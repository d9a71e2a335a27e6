// Issue 15: one wrong file among five must not sink the good ones. The upload answers per
// file: the good ones stored, each refused one named with a reason the web app can translate.
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, type Harness } from './harness.js';
import { GIF, JPEG, PNG } from './image-bytes.js';

const LIMIT = 64 * 1024;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ uploadLimits: { maxFiles: 5, maxFileBytes: LIMIT } });
});
afterAll(async () => {
  assertNoLeak(h, [h.uploadDir]);
  await h.close();
});

const uploadRows = async (): Promise<number> =>
  (
    await h.store.db
      .withTables<{ uploads: { id: string } }>()
      .selectFrom('uploads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const upload = () => request(h.http).post('/api/v1/uploads').set('Authorization', h.adminToken);

describe('POST /api/v1/uploads, file by file', () => {
  it('stores the three good files of five and names the two refused ones with their reasons', async () => {
    const before = await uploadRows();
    const files = readdirSync(h.uploadDir).length;
    const res = await upload()
      .attach('images', PNG, { filename: 'front.png', contentType: 'image/png' })
      .attach('images', Buffer.from('%PDF-1.7 not a photo'), {
        filename: 'menu.jpg',
        contentType: 'image/jpeg',
      })
      .attach('images', JPEG, { filename: 'inside.jpg', contentType: 'image/jpeg' })
      .attach('images', Buffer.concat([PNG, Buffer.alloc(LIMIT)]), {
        filename: 'huge.png',
        contentType: 'image/png',
      })
      .attach('images', GIF, { filename: 'logo.gif', contentType: 'image/gif' })
      .expect(201);
    expect(
      res.body.items.map((i: { filename: string }) => i.filename.replace(/-\w{8}\./, '.')),
    ).toEqual(['front.png', 'inside.jpg', 'logo.gif']);
    expect(res.body.refused).toEqual([
      {
        index: 1,
        filename: 'menu.jpg',
        reason: 'not_an_image',
        message: 'must be a JPEG, PNG, GIF or WebP image sent as field "images"',
      },
      {
        index: 3,
        filename: 'huge.png',
        reason: 'too_big',
        message: `must be at most ${LIMIT} bytes`,
      },
    ]);
    // Three rows and three files more: the refused ones left nothing behind.
    expect(await uploadRows()).toBe(before + 3);
    expect(readdirSync(h.uploadDir)).toHaveLength(files + 3);
    // Each stored one is there to fetch.
    for (const item of res.body.items as { url: string }[])
      await request(h.http).get(item.url).set('Authorization', h.adminToken).expect(200);
  });

  it('answers 400 with every refused file when none is good, and keeps nothing', async () => {
    const before = await uploadRows();
    const files = readdirSync(h.uploadDir).length;
    const res = await upload()
      .attach('images', Buffer.alloc(0), { filename: 'empty.png', contentType: 'image/png' })
      .attach('images', Buffer.from('hello'), { filename: 'notes.txt', contentType: 'text/plain' })
      .expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.images.0',
      'body.images.1',
    ]);
    expect(
      res.body.refused.map((r: { filename: string; reason: string }) => [r.filename, r.reason]),
    ).toEqual([
      ['empty.png', 'empty'],
      ['notes.txt', 'not_an_image'],
    ]);
    expect(await uploadRows()).toBe(before);
    expect(readdirSync(h.uploadDir)).toHaveLength(files);
  });

  it('is described per file in the OpenAPI document', async () => {
    const doc = await request(h.http).get('/api/openapi.json').expect(200);
    const post = doc.body.paths['/api/v1/uploads'].post;
    const ok = post.responses['201'].content['application/json'].schema;
    expect(Object.keys(ok.properties)).toEqual(['items', 'refused']);
    expect(ok.properties.refused.items.properties.reason.enum).toEqual([
      'not_an_image',
      'wrong_field',
      'too_big',
      'empty',
      'cut_off',
      'not_saved',
    ]);
    expect(post.responses['400'].content['application/json'].schema.properties).toHaveProperty(
      'refused',
    );
    const patch = doc.body.paths['/api/v1/content-items/{id}'].patch;
    expect(patch.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'baseRevision',
    );
    expect(patch.responses['409'].content['application/json'].schema.properties).toHaveProperty(
      'current',
    );
  });
});

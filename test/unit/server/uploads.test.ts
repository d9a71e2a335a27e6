import { existsSync, readdirSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMediaFromDisk, toConnectorItem } from '../../../src/tasks/publishing/runner/job.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';
import { GIF, JPEG, PNG, binary } from './image-bytes.js';

const LIMIT = 64 * 1024;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ uploadLimits: { maxFiles: 5, maxFileBytes: LIMIT } });
});
afterAll(async () => {
  // The upload folder is a server path: it must never reach an answer or a log line.
  assertNoLeak(h, [h.uploadDir]);
  await h.close();
});

const upload = () => request(h.http).post('/api/v1/uploads').set('Authorization', h.adminToken);
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);

async function uploadOne(bytes: Buffer, filename: string, contentType: string) {
  const res = await upload().attach('images', bytes, { filename, contentType }).expect(201);
  return res.body.items[0] as { id: string; filename: string; url: string };
}

describe('POST /api/v1/uploads', () => {
  it('saves 1–5 images, named safely and uniquely, and answers ids and URLs, never paths', async () => {
    const res = await upload()
      .attach('images', PNG, { filename: 'Přední Fotka!!.PNG', contentType: 'image/png' })
      .attach('images', JPEG, { filename: 'inside.jpeg', contentType: 'image/jpeg' })
      // Declared PNG, really a GIF: the bytes decide, and the extension follows them.
      .attach('images', GIF, { filename: 'photo.png', contentType: 'image/png' })
      .expect(201);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((i) => [i.contentType, i.bytes])).toEqual([
      ['image/png', PNG.length],
      ['image/jpeg', JPEG.length],
      ['image/gif', GIF.length],
    ]);
    const [png, jpeg, gif] = items.map((i) => String(i.filename));
    expect(png).toMatch(/^predni-fotka-[a-z0-9]{8}\.png$/);
    expect(jpeg).toMatch(/^inside-[a-z0-9]{8}\.jpeg$/);
    expect(gif).toMatch(/^photo-[a-z0-9]{8}\.gif$/);
    expect(new Set([png, jpeg, gif]).size).toBe(3);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        ['bytes', 'contentType', 'createdAt', 'filename', 'id', 'url'].sort(),
      );
      expect(item.url).toBe(`/api/v1/uploads/${String(item.id)}`);
    }
    // Two uploads of the same name get two names: Markdown can tell them apart.
    const again = await uploadOne(PNG, 'Přední Fotka!!.PNG', 'image/png');
    expect(again.filename).not.toBe(png);
  });

  it('serves an upload’s bytes with its type, inline, no-sniff, sandboxed and immutable', async () => {
    const item = await uploadOne(JPEG, 'menu.jpg', 'image/jpeg');
    const res = await request(h.http)
      .get(item.url)
      .set('Authorization', h.secretaryToken)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, JPEG)).toBe(0);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="menu-[a-z0-9]{8}\.jpg"/);
    expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    await request(h.http).get(item.url).set('Authorization', h.linkA).expect(403);
    await request(h.http)
      .get(`/api/v1/uploads/${h.clientA.id}`)
      .set('Authorization', h.adminToken)
      .expect(404);
  });

  it('refuses a non-image, a file too big, too many, none, JSON and unknown fields; keeps nothing', async () => {
    const before = await rowCounts(h);
    const files = readdirSync(h.uploadDir).length;
    // A lone non-image stores nothing (one among good ones: uploads-per-file.test.ts).
    const fake = await upload()
      .attach('images', Buffer.from('<svg onload=alert(1)>xx</svg>'), {
        filename: 'evil.png',
        contentType: 'image/png',
      })
      .expect(400);
    expect(paths(fake)).toEqual(['body.images.0']);
    const big = await upload()
      .attach('images', Buffer.concat([PNG, Buffer.alloc(LIMIT)]), {
        filename: 'big.png',
        contentType: 'image/png',
      })
      .expect(400);
    expect(big.body.error.details).toEqual([
      { path: 'body.images.0', message: `must be at most ${LIMIT} bytes` },
    ]);
    let many = upload();
    for (let i = 0; i < 6; i++)
      many = many.attach('images', PNG, { filename: `${i}.png`, contentType: 'image/png' });
    expect(paths(await many.expect(400))).toContain('body.images');
    const none = await upload().field('note', 'x').expect(400);
    expect(paths(none)).toEqual(['body.note']);
    const empty = await upload().type('form').send('').expect(400);
    expect(paths(empty)).toEqual(['body']);
    const json = await upload().send({}).expect(400);
    expect(paths(json)).toEqual(['body.images']);
    const wrongField = await upload()
      .attach('photo', PNG, { filename: 'a.png', contentType: 'image/png' })
      .expect(400);
    expect(paths(wrongField)).toEqual(['body.images.0']);
    expect(await rowCounts(h)).toEqual(before);
    expect(readdirSync(h.uploadDir)).toHaveLength(files);
  });
});

describe('the OpenAPI document', () => {
  it('describes the upload as multipart and the stored files as any type', async () => {
    const doc = await request(h.http).get('/api/openapi.json').expect(200);
    const paths = doc.body.paths;
    expect(Object.keys(paths['/api/v1/uploads'].post.requestBody.content)).toContain(
      'multipart/form-data',
    );
    for (const path of ['/api/v1/uploads/{id}', '/api/v1/tasks/{id}/attachments/{n}'])
      expect(Object.keys(paths[path].get.responses['200'].content)).toEqual(['*/*']);
  });
});

describe('content items with uploaded images', () => {
  it('fills filename, type and path from the upload; the runner’s media loader reads the bytes', async () => {
    const photo = await uploadOne(PNG, 'Shop front.png', 'image/png');
    const res = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.secretaryToken)
      .send({
        clientId: h.clientA.id,
        title: 'New shop front',
        slug: 'new-shop-front',
        markdown: `Look: ![The new front](${photo.filename})`,
        images: [{ uploadId: photo.id, alt: 'The new front' }],
      })
      .expect(201);
    expect(res.body.images).toEqual([
      {
        filename: photo.filename,
        contentType: 'image/png',
        alt: 'The new front',
        uploadId: photo.id,
        url: photo.url,
      },
    ]);
    const got = await request(h.http)
      .get(`/api/v1/content-items/${String(res.body.id)}`)
      .set('Authorization', h.secretaryToken)
      .expect(200);
    expect(got.body.images).toEqual(res.body.images);
    // What the runner gives a connector: the very bytes that were uploaded.
    const stored = await h.tasks.getContentItem(String(res.body.id));
    expect(stored.images[0]?.path.startsWith(h.uploadDir)).toBe(true);
    const item = await toConnectorItem(stored, loadMediaFromDisk);
    expect(item.images).toHaveLength(1);
    expect(item.images?.[0]).toMatchObject({
      filename: photo.filename,
      contentType: 'image/png',
      alt: 'The new front',
    });
    expect(Buffer.compare(Buffer.from(item.images?.[0]?.data ?? []), PNG)).toBe(0);
  });

  it('refuses a raw path from an API caller, an unknown upload and one named twice; saves nothing', async () => {
    const photo = await uploadOne(PNG, 'x.png', 'image/png');
    const before = await rowCounts(h);
    const base = { clientId: h.clientA.id, title: 'T', slug: 't', markdown: 'M' };
    const raw = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.adminToken)
      .send({
        ...base,
        images: [{ filename: 'passwd.png', contentType: 'image/png', path: '/etc/passwd' }],
      })
      .expect(400);
    expect(paths(raw)).toContain('body.images.0.path');
    expect(paths(raw)).toContain('body.images.0.uploadId');
    const withBoth = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.adminToken)
      .send({ ...base, images: [{ uploadId: photo.id, path: '/etc/passwd' }] })
      .expect(400);
    expect(paths(withBoth)).toEqual(['body.images.0.path']);
    const unknown = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.adminToken)
      .send({ ...base, images: [{ uploadId: photo.id }, { uploadId: h.clientB.id }] })
      .expect(400);
    expect(paths(unknown)).toEqual(['images.1.uploadId']);
    const twice = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.adminToken)
      .send({ ...base, images: [{ uploadId: photo.id }, { uploadId: photo.id }] })
      .expect(400);
    expect(paths(twice)).toEqual(['images.1.uploadId']);
    expect(await rowCounts(h)).toEqual(before);
    expect(existsSync(h.uploadDir)).toBe(true);
  });
});

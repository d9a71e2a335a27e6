// The runner here publishes through a hand-made connector that holds its answer until the test
// releases it: only that way is a publication reliably "being published right now" when the
// PATCH arrives. Store, runner, routes and transactions are the real ones.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ContentItem } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner } from '../../../src/tasks/index.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';
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
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);

async function item(clientId: string, slug: string) {
  const res = await request(h.http)
    .post('/api/v1/content-items')
    .set(agency())
    .send({ clientId, title: `Title ${slug}`, slug, markdown: 'Body' })
    .expect(201);
  return String(res.body.id);
}

describe('GET /api/v1/content-items', () => {
  it('lists newest first, by client, in pages that neither skip nor repeat', async () => {
    const a = [];
    for (let i = 0; i < 5; i++) a.push(await item(h.clientA.id, `a-${i}`));
    const b = await item(h.clientB.id, 'b-0');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(h.http)
        .get('/api/v1/content-items')
        .query({ clientId: h.clientA.id, limit: 2, ...(cursor ? { cursor } : {}) })
        .set(agency())
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...a].reverse());
    const all = await request(h.http).get('/api/v1/content-items').set(agency()).expect(200);
    expect(all.body.items[0].id).toBe(b);
    const bad = await request(h.http)
      .get('/api/v1/content-items?limit=0&cursor=nope')
      .set(agency())
      .expect(400);
    expect(paths(bad).sort()).toEqual(['query.cursor', 'query.limit']);
  });
});

describe('PATCH /api/v1/content-items/:id', () => {
  it('changes the given fields, records old and new values, and takes images by upload only', async () => {
    const id = await item(h.clientA.id, 'menu');
    const upload = await request(h.http)
      .post('/api/v1/uploads')
      .set(agency())
      .attach('images', PNG, { filename: 'soup.png', contentType: 'image/png' })
      .expect(201);
    const photo = upload.body.items[0];
    const res = await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({
        title: 'Weekly menu',
        tags: ['menu'],
        excerpt: 'Soups',
        images: [{ uploadId: photo.id, alt: 'Soup' }],
        endsAt: '2026-04-01T00:00:00Z',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      id,
      title: 'Weekly menu',
      slug: 'menu',
      markdown: 'Body',
      tags: ['menu'],
      excerpt: 'Soups',
      endsAt: '2026-04-01T00:00:00.000Z',
      images: [{ filename: photo.filename, uploadId: photo.id, url: photo.url, alt: 'Soup' }],
    });
    // Only the title changes now: the stored image keeps its file.
    await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({ excerpt: null })
      .expect(200);
    const stored = await h.tasks.getContentItem(id);
    expect(stored.excerpt).toBeNull();
    expect(stored.images[0]?.path.startsWith(h.uploadDir)).toBe(true);
    const history = await request(h.http).get(`/api/v1/history?limit=5`).set(agency()).expect(200);
    const update = history.body.items.find(
      (e: { entityId: string; changes: Record<string, unknown> }) =>
        e.entityId === id && 'title' in e.changes,
    );
    expect(update.changes.title).toEqual({ from: 'Title menu', to: 'Weekly menu' });

    const before = await rowCounts(h);
    const raw = await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({ images: [{ uploadId: photo.id, path: '/etc/passwd' }] })
      .expect(400);
    expect(paths(raw)).toEqual(['body.images.0.path']);
    const order = await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({ startsAt: '2026-05-01T00:00:00Z' })
      .expect(400);
    expect(paths(order)).toEqual(['endsAt']);
    const kind = await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({ kind: 'page', clientId: h.clientB.id })
      .expect(400);
    expect(paths(kind).sort()).toEqual(['body.clientId', 'body.kind']);
    expect(await rowCounts(h)).toEqual(before);
    await request(h.http)
      .patch(`/api/v1/content-items/${h.clientA.id}`)
      .set(agency())
      .send({ title: 'x' })
      .expect(404);
  });

  it('is refused with 409 while a publication of the item is being published; a waiting one takes the change', async () => {
    const id = await item(h.clientA.id, 'special');
    await h.tasks.requestPublish({ contentItemId: id, siteIds: [h.siteA.id] }, { actor: 'sec' });
    const titles: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const connector = {
      kind: 'wordpress',
      capabilities: new Set(),
      publish: async (published: ContentItem) => {
        titles.push(published.title);
        started();
        await held;
        return {
          remoteId: '7',
          url: 'https://a.example/special/',
          status: 'published',
          created: true,
        };
      },
    } as unknown as Connector;
    const runner = createRunner(
      {},
      { ...h.tasks.deps, logger: createSilentLogger(), connectorFor: () => connector },
    );
    // Waiting (pending): the change is taken, and it is what the site receives.
    await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({ title: 'Friday special' })
      .expect(200);
    const run = runner.runDue();
    await inFlight;
    const busy = await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({ title: 'Too late' })
      .expect(409);
    expect(busy.body.error.code).toBe('conflict');
    expect(busy.body.error.message).toMatch(/being published right now/);
    release();
    await run;
    expect(titles).toEqual(['Friday special']);
    expect((await h.tasks.getContentItem(id)).title).toBe('Friday special');
    await request(h.http)
      .patch(`/api/v1/content-items/${id}`)
      .set(agency())
      .send({ title: 'Saturday special' })
      .expect(200);
  });
});

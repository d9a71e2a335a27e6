import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';
import { openSse } from './sse-client.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);

let h: Harness;
let server: Server;
let base: string;
beforeAll(async () => {
  h = await createHarness({ uploadLimits: { maxFiles: 5, maxFileBytes: 64 * 1024 } });
  server = createServer(h.http);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  assertNoLeak(h);
  await h.close();
});

describe('a client’s private link', () => {
  it('submits a site-edit request with images, checked by their bytes, and sees its state', async () => {
    const res = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .field('request', 'Please put the new photo on the home page')
      .field('siteId', h.siteA.id)
      .attach('images', PNG, { filename: 'front.png', contentType: 'image/png' })
      .attach('images', JPEG, { filename: 'inside.jpg', contentType: 'image/jpeg' })
      .expect(201);
    expect(res.body).toMatchObject({
      kind: 'site-edit',
      status: 'open',
      request: 'Please put the new photo on the home page',
    });
    const { task } = await h.tasks.getTask(res.body.id);
    expect(task.source).toBe('client');
    if (task.kind !== 'site-edit') throw new Error('wrong kind');
    expect(task.details.attachments.map((a) => [a.filename, a.contentType, a.bytes])).toEqual([
      ['front.png', 'image/png', PNG.length],
      ['inside.jpg', 'image/jpeg', JPEG.length],
    ]);
    expect(readdirSync(h.uploadDir)).toHaveLength(2);
    const mine = await request(h.http)
      .get('/api/v1/client/tasks')
      .set('Authorization', h.linkA)
      .expect(200);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(res.body.id);
    expect(JSON.stringify(mine.body)).not.toContain('assignee');
  });

  it('refuses a file that is not an image (whatever it claims), too many files and a too long text; keeps no file', async () => {
    const before = await rowCounts(h);
    const files = readdirSync(h.uploadDir).length;
    const fake = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .field('request', 'x')
      .attach('images', PNG, { filename: 'ok.png', contentType: 'image/png' })
      .attach('images', Buffer.from('<script>alert(1)</script>'), {
        filename: 'evil.png',
        contentType: 'image/png',
      })
      .expect(400);
    expect(fake.body.error.details).toEqual([expect.objectContaining({ path: 'body.images.1' })]);
    let many = request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .field('request', 'x');
    for (let i = 0; i < 6; i++)
      many = many.attach('images', PNG, { filename: `${i}.png`, contentType: 'image/png' });
    const tooMany = await many.expect(400);
    expect(tooMany.body.error.details.map((d: { path: string }) => d.path)).toContain(
      'body.images',
    );
    const big = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .field('request', 'x')
      .attach('images', Buffer.concat([PNG, Buffer.alloc(70 * 1024)]), {
        filename: 'big.png',
        contentType: 'image/png',
      })
      .expect(400);
    expect(big.body.error.details).toEqual([
      { path: 'body.images.0', message: 'must be at most 65536 bytes' },
    ]);
    const long = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .field('request', 'y'.repeat(30_000))
      .expect(400);
    expect(long.body.error.details[0].path).toBe('body.request');
    const otherSite = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .send({ request: 'change B', siteId: h.siteB.id })
      .expect(400);
    expect(otherSite.body.error.details[0].path).toBe('siteId');
    const paths = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .send({
        request: 'x',
        attachments: [{ filename: 'a', contentType: 'image/png', path: '/etc/passwd' }],
      })
      .expect(400);
    expect(paths.body.error.details[0].path).toBe('body.attachments');
    expect(await rowCounts(h)).toEqual(before);
    expect(readdirSync(h.uploadDir)).toHaveLength(files);
  });

  it('never reaches another client’s data, an agency route, or a secret', async () => {
    const taskB = await h.tasks.createTask(
      { kind: 'site-edit', clientId: h.clientB.id, details: { request: 'B only' } },
      { actor: 'sec' },
    );
    const listA = await request(h.http)
      .get('/api/v1/client/tasks')
      .set('Authorization', h.linkA)
      .expect(200);
    expect(listA.body.items.map((t: { id: string }) => t.id)).not.toContain(taskB.id);
    await request(h.http)
      .post(`/api/v1/client/tasks/${taskB.id}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'approve' })
      .expect(404);
    await request(h.http)
      .get(`/api/v1/tasks/${taskB.id}`)
      .set('Authorization', h.linkA)
      .expect(403);
    await request(h.http)
      .get(`/api/v1/sites/${h.siteA.id}`)
      .set('Authorization', h.linkA)
      .expect(403);
    const me = await request(h.http)
      .get('/api/v1/client/me')
      .set('Authorization', h.linkA)
      .expect(200);
    expect(me.body).toMatchObject({ id: h.clientA.id, name: 'Bakery A' });
    expect(me.body.sites).toEqual([{ id: h.siteA.id, name: 'Blog A', url: 'https://a.example' }]);
    expect((await h.tasks.getTask(taskB.id)).task.status).toBe('open');
  });

  it('approves a preview with a comment: the task moves on and the secretary hears it live', async () => {
    const item = await h.tasks.createContentItem(
      { clientId: h.clientA.id, title: 'Offer', slug: 'offer', markdown: 'Half price' },
      { actor: 'sec' },
    );
    const task = await h.tasks.createTask(
      { kind: 'site-edit', clientId: h.clientA.id, details: { request: 'Offer page' } },
      { actor: 'sec' },
    );
    await h.tasks.transitionTask(task.id, 'waiting_client', { actor: 'sec' });
    const preview = await request(h.http)
      .post(`/api/v1/content-items/${item.id}/previews`)
      .set('Authorization', h.secretaryToken)
      .send({ taskId: task.id })
      .expect(201);
    await request(h.http).get(preview.body.url).expect(200);
    const secretary = await openSse(`${base}/api/v1/events`, { Authorization: h.secretaryToken });
    try {
      const rejected = await request(h.http)
        .post(`/api/v1/client/tasks/${task.id}/decision`)
        .set('Authorization', h.linkA)
        .send({ decision: 'reject', comment: 'Bigger font please' })
        .expect(200);
      expect(rejected.body.status).toBe('in_progress');
      await request(h.http)
        .post(`/api/v1/client/tasks/${task.id}/decision`)
        .set('Authorization', h.linkA)
        .send({ decision: 'approve' })
        .expect(409);
      await h.tasks.transitionTask(task.id, 'waiting_client', { actor: 'sec' });
      const approved = await request(h.http)
        .post(`/api/v1/client/tasks/${task.id}/decision`)
        .set('Authorization', h.linkA)
        .send({ decision: 'approve', comment: 'Perfect' })
        .expect(200);
      expect(approved.body.status).toBe('approved');
      const events = await secretary.waitFor(3);
      const statuses = events.map((e) => JSON.parse(e.data) as { actor: string; to: string });
      expect(statuses.map((e) => [e.actor, e.to])).toEqual([
        [`client:${h.clientA.id}`, 'in_progress'],
        ['sec', 'waiting_client'],
        [`client:${h.clientA.id}`, 'approved'],
      ]);
      const history = (await h.tasks.getTask(task.id)).history.map((e) =>
        JSON.stringify(e.changes),
      );
      expect(history.join()).toContain('Bigger font please');
      expect(history.join()).toContain('Perfect');
    } finally {
      secretary.close();
    }
  });

  it('is refused once revoked', async () => {
    const link = await request(h.http)
      .post(`/api/v1/clients/${h.clientB.id}/links`)
      .set('Authorization', h.adminToken)
      .send({ label: 'temp' })
      .expect(201);
    await request(h.http)
      .get('/api/v1/client/me')
      .set('Authorization', `Bearer ${link.body.token}`)
      .expect(200);
    const listed = await request(h.http)
      .get(`/api/v1/clients/${h.clientB.id}/links`)
      .set('Authorization', h.adminToken)
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(link.body.token);
    await request(h.http)
      .delete(`/api/v1/client-links/${link.body.id}`)
      .set('Authorization', h.adminToken)
      .expect(204);
    const res = await request(h.http)
      .get('/api/v1/client/me')
      .set('Authorization', `Bearer ${link.body.token}`)
      .expect(401);
    expect(res.body.error.code).toBe('link_revoked');
    const expired = await request(h.http)
      .get('/api/v1/client/me')
      .set('Authorization', h.linkExpired)
      .expect(401);
    expect(expired.body.error.code).toBe('link_expired');
  });
});

/**
 * The preview page may be framed by the web app itself (its sandboxed frame in the editor and
 * the task detail) and by nothing else; it still forbids scripts and is never indexed. The
 * rest of the app keeps refusing any framing.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

describe('preview framing', () => {
  it('allows framing by the same origin only, keeps scripts forbidden and noindex', async () => {
    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.secretaryToken)
      .send({ clientId: h.clientA.id, title: 'Promo', slug: 'promo', markdown: '**Hi**' })
      .expect(201);
    const preview = await request(h.http)
      .post(`/api/v1/content-items/${item.body.id}/previews`)
      .set('Authorization', h.secretaryToken)
      .send({})
      .expect(201);
    const page = await request(h.http).get(preview.body.url).expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(page.headers['x-frame-options']).toBeUndefined();
    expect(page.headers['x-robots-tag']).toContain('noindex');
    expect(page.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page.text).toContain('<strong>Hi</strong>');
  });

  it('keeps refusing framing everywhere else, including an unknown preview', async () => {
    const api = await request(h.http)
      .get('/api/v1/clients')
      .set('Authorization', h.secretaryToken)
      .expect(200);
    expect(api.headers['x-frame-options']).toBe('DENY');
    expect(String(api.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const missing = await request(h.http)
      .get(`/preview/sdp_${'A'.repeat(43)}`)
      .expect(404);
    expect(missing.headers['x-frame-options']).toBe('DENY');
  });

  it('shows the item’s uploaded images from the preview’s own URLs, to anyone with the link', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGM4UaEBQQxwFgBYNAhxWdzeRAAAAABJRU5ErkJggg==',
      'base64',
    );
    const up = await request(h.http)
      .post('/api/v1/uploads')
      .set('Authorization', h.secretaryToken)
      .attach('images', png, { filename: 'menu.png', contentType: 'image/png' })
      .expect(201);
    const [upload] = up.body.items as { id: string; filename: string }[];
    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.secretaryToken)
      .send({
        clientId: h.clientA.id,
        title: 'Menu',
        slug: 'menu',
        markdown: `Today:\n\n![The menu](${upload?.filename ?? ''})`,
        images: [{ uploadId: upload?.id, alt: 'The menu' }],
      })
      .expect(201);
    const preview = await request(h.http)
      .post(`/api/v1/content-items/${item.body.id}/previews`)
      .set('Authorization', h.secretaryToken)
      .send({})
      .expect(201);
    const page = await request(h.http).get(preview.body.url).expect(200);
    const src = `${String(preview.body.url)}/images/0`;
    expect(page.text).toContain(`src="${src}"`);
    expect(page.text).not.toContain(`src="${upload?.filename ?? ''}"`);
    // No session, no token: the preview link is the key, as for the page itself.
    const image = await request(h.http).get(src).buffer(true).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(image.body as Buffer, png)).toBe(0);
    await request(h.http)
      .get(`${String(preview.body.url)}/images/1`)
      .expect(404);
    await request(h.http)
      .get(`/preview/sdp_${'A'.repeat(43)}/images/0`)
      .expect(404);
  });

  it('lets a client open a preview of its own publishing task, and of nothing else', async () => {
    const who = { actor: 'seed' };
    const item = await h.tasks.createContentItem(
      {
        clientId: h.clientA.id,
        title: 'Spring menu',
        slug: 'spring-menu',
        markdown: 'New **soups**',
      },
      who,
    );
    const { task } = await h.tasks.requestPublish(
      { contentItemId: item.id, siteIds: [h.siteA.id] },
      who,
    );
    const made = await request(h.http)
      .post(`/api/v1/client/tasks/${task.id}/preview`)
      .set('Authorization', h.linkA)
      .expect(201);
    expect(made.body.url).toMatch(/^\/preview\/sdp_[A-Za-z0-9_-]{43}$/);
    const page = await request(h.http).get(made.body.url).expect(200);
    expect(page.text).toContain('<strong>soups</strong>');
    expect(page.text).toContain('On Blog A');
    // In the viewer's language when the web app asks for it; nothing else is accepted.
    const czech = await request(h.http)
      .get(`${String(made.body.url)}?lang=cs`)
      .expect(200);
    expect(czech.text).toContain('Náhled — zatím nezveřejněno.');
    expect(czech.text).toContain('Na webu Blog A (WordPress, https://a.example)');
    await request(h.http)
      .get(`${String(made.body.url)}?lang=de`)
      .expect(400);
    // The client's list names the text the task publishes.
    const mine = await request(h.http)
      .get('/api/v1/client/tasks')
      .set('Authorization', h.linkA)
      .expect(200);
    const listed = (mine.body.items as { id: string; contentTitle?: string }[]).find(
      (x) => x.id === task.id,
    );
    expect(listed?.contentTitle).toBe('Spring menu');
    // Client B's link cannot see A's task; a task that publishes nothing has no preview.
    await request(h.http)
      .post(`/api/v1/client/tasks/${task.id}/preview`)
      .set('Authorization', h.linkB)
      .expect(404);
    const edit = await h.tasks.createTask(
      { clientId: h.clientA.id, kind: 'site-edit', details: { request: 'New photo' } },
      who,
    );
    await request(h.http)
      .post(`/api/v1/client/tasks/${edit.id}/preview`)
      .set('Authorization', h.linkA)
      .expect(404);
    await request(h.http)
      .post(`/api/v1/client/tasks/${task.id}/preview`)
      .set('Authorization', h.secretaryToken)
      .expect(403);
  });
});

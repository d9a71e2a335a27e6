import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, PLANTED_SECRET, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const as = (auth: string) => ({ Authorization: auth });

describe('the JSON API on the task service', () => {
  it('adds and lists clients, changes one, and keeps its history', async () => {
    const created = await request(h.http)
      .post('/api/v1/clients')
      .set(as(h.secretaryToken))
      .send({ name: 'Café C', timezone: 'Europe/Prague', languages: ['cs'] })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Café C', timezone: 'Europe/Prague' });
    const patched = await request(h.http)
      .patch(`/api/v1/clients/${created.body.id}`)
      .set(as(h.secretaryToken))
      .send({ name: 'Café C & Co' })
      .expect(200);
    expect(patched.body.name).toBe('Café C & Co');
    const list = await request(h.http).get('/api/v1/clients').set(as(h.secretaryToken)).expect(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Bakery A',
      'Café C & Co',
      'Florist B',
    ]);
  });

  it('takes a site secret write-only: hasSecret says it is there, no answer contains it', async () => {
    const res = await request(h.http)
      .post('/api/v1/sites')
      .set(as(h.adminToken))
      .send({
        clientId: h.clientB.id,
        name: 'Shop',
        kind: 'wordpress',
        url: 'https://shop.example',
        settings: { username: 'editor' },
        secret: `${PLANTED_SECRET}`,
      })
      .expect(201);
    expect(res.body.hasSecret).toBe(true);
    expect(res.body).not.toHaveProperty('secret');
    const one = await request(h.http)
      .get(`/api/v1/sites/${h.siteA.id}`)
      .set(as(h.adminToken))
      .expect(200);
    expect(one.body).toMatchObject({ id: h.siteA.id, hasSecret: true });
    const list = await request(h.http)
      .get(`/api/v1/sites?clientId=${h.clientB.id}`)
      .set(as(h.adminToken))
      .expect(200);
    expect(list.body.items.map((s: { hasSecret: boolean }) => s.hasSecret).sort()).toEqual([
      false,
      true,
    ]);
    await request(h.http)
      .delete(`/api/v1/sites/${res.body.id}/secret`)
      .set(as(h.adminToken))
      .expect(204);
    const after = await request(h.http)
      .get(`/api/v1/sites/${res.body.id}`)
      .set(as(h.adminToken))
      .expect(200);
    expect(after.body.hasSecret).toBe(false);
  });

  it('refuses settings that look like a secret (they would land in the database)', async () => {
    const res = await request(h.http)
      .post('/api/v1/sites')
      .set(as(h.adminToken))
      .send({
        clientId: h.clientA.id,
        name: 'X',
        kind: 'wordpress',
        url: 'https://x.example',
        settings: { appPassword: 'nope-nope' },
      })
      .expect(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.settings.appPassword' }),
    ]);
  });

  it('answers site check with 503 when no connector factory was given', async () => {
    const res = await request(h.http)
      .post(`/api/v1/sites/${h.siteA.id}/check`)
      .set(as(h.adminToken))
      .expect(503);
    expect(res.body.error.code).toBe('connectors_unavailable');
  });

  it('creates tasks of every kind and filters them by client, kind, status and due, with paging', async () => {
    const base = { clientId: h.clientA.id };
    const bodies = [
      {
        ...base,
        kind: 'call',
        dueAt: '2026-03-05T10:00:00Z',
        details: { caller: 'Eva', number: '+420 601 234 567', at: '2026-03-04T08:00:00Z' },
      },
      {
        ...base,
        kind: 'mail',
        dueAt: '2026-03-06T10:00:00Z',
        details: { from: 'eva@example.com', subject: 'Hi', receivedAt: '2026-03-04T08:00:00Z' },
      },
      { ...base, kind: 'site-edit', details: { request: 'New opening hours' } },
      {
        clientId: h.clientB.id,
        kind: 'call',
        details: { caller: 'Bob', number: '+1 212 555 0100', at: '2026-03-04T08:00:00Z' },
      },
    ];
    for (const body of bodies)
      await request(h.http).post('/api/v1/tasks').set(as(h.secretaryToken)).send(body).expect(201);
    const byClient = await request(h.http)
      .get(`/api/v1/tasks?clientId=${h.clientA.id}`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(byClient.body.items).toHaveLength(3);
    const byKind = await request(h.http)
      .get('/api/v1/tasks?kind=call,mail')
      .set(as(h.secretaryToken))
      .expect(200);
    expect(byKind.body.items.map((t: { kind: string }) => t.kind).sort()).toEqual([
      'call',
      'call',
      'mail',
    ]);
    const due = await request(h.http)
      .get('/api/v1/tasks?dueFrom=2026-03-05T00:00:00Z&dueTo=2026-03-06T00:00:00Z&order=due')
      .set(as(h.secretaryToken))
      .expect(200);
    expect(due.body.items.map((t: { kind: string }) => t.kind)).toEqual(['call']);
    const page1 = await request(h.http)
      .get('/api/v1/tasks?limit=2')
      .set(as(h.secretaryToken))
      .expect(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await request(h.http)
      .get(`/api/v1/tasks?limit=2&cursor=${page1.body.nextCursor}`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.nextCursor).toBeUndefined();
    const id = page1.body.items[0].id as string;
    const moved = await request(h.http)
      .post(`/api/v1/tasks/${id}/status`)
      .set(as(h.secretaryToken))
      .send({ to: 'in_progress', note: 'on it' })
      .expect(200);
    expect(moved.body.status).toBe('in_progress');
    const open = await request(h.http)
      .get('/api/v1/tasks?status=open')
      .set(as(h.secretaryToken))
      .expect(200);
    expect(open.body.items.map((t: { id: string }) => t.id)).not.toContain(id);
    const history = await request(h.http)
      .get(`/api/v1/tasks/${id}/history`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'status:open->in_progress',
    ]);
    const conflict = await request(h.http)
      .post(`/api/v1/tasks/${id}/status`)
      .set(as(h.secretaryToken))
      .send({ to: 'in_progress', expectedVersion: 1 })
      .expect(409);
    expect(conflict.body.error.code).toBe('conflict');
    await request(h.http)
      .patch(`/api/v1/tasks/${id}`)
      .set(as(h.secretaryToken))
      .send({ priority: 'urgent' })
      .expect(200);
  });

  it('reuses a task-list page only while the database is unchanged (cache on by default)', async () => {
    const url = `/api/v1/tasks?clientId=${h.clientB.id}`;
    const first = await request(h.http).get(url).set(as(h.secretaryToken)).expect(200);
    const again = await request(h.http).get(url).set(as(h.secretaryToken)).expect(200);
    expect(again.text).toBe(first.text);
    const made = await request(h.http)
      .post('/api/v1/tasks')
      .set(as(h.secretaryToken))
      .send({ clientId: h.clientB.id, kind: 'site-edit', details: { request: 'New logo' } })
      .expect(201);
    const after = await request(h.http).get(url).set(as(h.secretaryToken)).expect(200);
    expect(after.body.items.length).toBe(first.body.items.length + 1);
    expect(after.body.items[0].id).toBe(made.body.id);
    // A write that bypasses the task service and its events (a hand-made change).
    await h.store.db
      .updateTable('tasks')
      .set({ title: 'Renamed by hand' })
      .where('id', '=', made.body.id)
      .execute();
    const fresh = await request(h.http).get(url).set(as(h.secretaryToken)).expect(200);
    expect(fresh.body.items[0].title).toBe('Renamed by hand');
    expect(fresh.headers['content-type']).toBe('application/json; charset=utf-8');
    // The cached page is byte for byte what the uncached route answers.
    const uncached = await createHarness({ listCache: false });
    try {
      const plain = await request(uncached.http)
        .get('/api/v1/tasks')
        .set(as(uncached.secretaryToken))
        .expect(200);
      const direct = await uncached.tasks.listTasks({});
      expect(plain.text).toBe(JSON.stringify(direct));
      expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    } finally {
      assertNoLeak(uncached);
      await uncached.close();
    }
    const cachedTwice = await request(h.http).get('/api/v1/tasks').set(as(h.secretaryToken));
    const cachedOnce = await request(h.http).get('/api/v1/tasks').set(as(h.secretaryToken));
    expect(cachedOnce.text).toBe(cachedTwice.text);
    expect(cachedOnce.text).toBe(JSON.stringify(await h.tasks.listTasks({})));
  });

  it('saves a content item, queues it for publishing, and lists its publications', async () => {
    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set(as(h.secretaryToken))
      .send({
        clientId: h.clientA.id,
        title: 'Spring menu',
        slug: 'spring-menu',
        markdown: '# Hello\n\nFresh bread.',
      })
      .expect(201);
    const got = await request(h.http)
      .get(`/api/v1/content-items/${item.body.id}`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(got.body.title).toBe('Spring menu');
    const queued = await request(h.http)
      .post('/api/v1/publish')
      .set(as(h.secretaryToken))
      .send({ contentItemId: item.body.id, siteIds: [h.siteA.id] })
      .expect(201);
    expect(queued.body.task.status).toBe('scheduled');
    expect(queued.body.publications).toEqual([
      expect.objectContaining({ siteId: h.siteA.id, state: 'pending' }),
    ]);
    const pubs = await request(h.http)
      .get(`/api/v1/publications?taskId=${queued.body.task.id}&state=pending`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(pubs.body.items).toHaveLength(1);
    const other = await request(h.http)
      .post('/api/v1/publish')
      .set(as(h.secretaryToken))
      .send({ contentItemId: item.body.id, siteIds: [h.siteB.id] })
      .expect(400);
    expect(other.body.error.details[0].path).toMatch(/siteIds/);
    const retry = await request(h.http)
      .post(`/api/v1/publications/${pubs.body.items[0].id}/retry`)
      .set(as(h.secretaryToken))
      .expect(503);
    expect(retry.body.error.code).toBe('runner_unavailable');
  });

  it('creates a schedule and shows its next runs in the client’s time', async () => {
    const res = await request(h.http)
      .post('/api/v1/schedules')
      .set(as(h.secretaryToken))
      .send({
        clientId: h.clientA.id,
        name: 'Weekly menu',
        rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0' },
        template: {
          title: 'Menu {{date}}',
          slug: 'menu-{{date}}',
          markdown: 'This week: {{text}}',
        },
        siteIds: [h.siteA.id],
      });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.upcoming).toHaveLength(5);
    expect(res.body.upcoming[0].local).toMatch(/09:00/);
    const one = await request(h.http)
      .get(`/api/v1/schedules/${res.body.schedule.id}?runs=2`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(one.body.upcoming).toHaveLength(2);
    const list = await request(h.http)
      .get(`/api/v1/schedules?clientId=${h.clientA.id}`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    await request(h.http)
      .post(`/api/v1/schedules/${res.body.schedule.id}/texts`)
      .set(as(h.secretaryToken))
      .send({ date: '2026-03-09', text: 'Soup and bread' })
      .expect(200);
  });

  it('serves a preview at an unguessable URL: noindex, scripts forbidden, content sanitized', async () => {
    const item = await request(h.http)
      .post('/api/v1/content-items')
      .set(as(h.secretaryToken))
      .send({
        clientId: h.clientA.id,
        title: 'Promo <b>',
        slug: 'promo',
        markdown: 'Hi <script>alert(1)</script> **bold** <img src=x onerror=alert(2)>',
      })
      .expect(201);
    const preview = await request(h.http)
      .post(`/api/v1/content-items/${item.body.id}/previews`)
      .set(as(h.secretaryToken))
      .send({})
      .expect(201);
    expect(preview.body.url).toMatch(/^\/preview\/sdp_[A-Za-z0-9_-]{43}$/);
    const page = await request(h.http).get(preview.body.url).expect(200);
    expect(page.headers['x-robots-tag']).toContain('noindex');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).not.toContain('script-src');
    expect(page.text).toContain('<strong>bold</strong>');
    expect(page.text).toContain('Promo &#60;b&#62;');
    expect(page.text).not.toMatch(/<script|onerror/i);
    expect(page.text).toContain('WordPress');
    await request(h.http)
      .get(`/preview/sdp_${'A'.repeat(43)}`)
      .expect(404);
  });

  it('sends helmet-style headers and no CORS headers, even when asked from another origin', async () => {
    const res = await request(h.http)
      .get('/api/v1/clients')
      .set(as(h.adminToken))
      .set('Origin', 'https://evil.example')
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const preflight = await request(h.http)
      .options('/api/v1/clients')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('publishes an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await request(h.http).get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    const post = res.body.paths['/api/v1/clients'].post;
    expect(post.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'timezone',
    ]);
    const list = res.body.paths['/api/v1/tasks'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toContain('dueFrom');
    expect(res.body.paths['/api/v1/tasks/{id}'].get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
    });
    expect(res.body.paths['/api/v1/client/requests'].post.requestBody.content).toHaveProperty(
      'multipart/form-data',
    );
    const count = Object.values(res.body.paths as Record<string, object>).reduce(
      (n, ops) => n + Object.keys(ops).length,
      0,
    );
    expect(count).toBe(h.app.locals.routes?.length);
  });
});

describe('a secret store that does not answer', () => {
  it('answers 503 with the store’s own (secret-free) message, not a 500', async () => {
    // A keychain that stops answering cannot be produced on demand here; this stand-in throws
    // exactly what the real stores throw in that case.
    const { SecretStoreError } = await import('../../../src/shared/errors.js');
    const down = await createHarness();
    try {
      const { createApp } = await import('../../../src/server/app.js');
      const { createSilentLogger } = await import('../../../src/shared/logger.js');
      const failing = {
        kind: 'keychain' as const,
        description: 'test keychain',
        get: async () => undefined,
        list: async () => [],
        delete: async () => false,
        set: async () => {
          throw new SecretStoreError('secret_store_unavailable', 'The keychain did not answer.');
        },
      };
      const app = createApp({
        version: 't',
        logger: createSilentLogger(),
        secrets: { store: failing, reason: 'test' },
        api: {
          tasks: down.tasks,
          accounts: down.accounts,
          uploadDir: down.uploadDir,
          clock: down.clock,
        },
      });
      const res = await request(app)
        .put(`/api/v1/sites/${down.siteA.id}/secret`)
        .set('Authorization', down.adminToken)
        .send({ secret: 'new-secret-value' })
        .expect(503);
      expect(res.body.error).toEqual({
        code: 'secret_store_unavailable',
        message: 'The keychain did not answer.',
      });
      expect(res.text).not.toContain('new-secret-value');
    } finally {
      await down.close();
    }
  });
});

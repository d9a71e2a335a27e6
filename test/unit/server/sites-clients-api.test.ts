import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const agency = () => ({ Authorization: h.adminToken });
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);
const who = { actor: 'sec' };

async function site(clientId: string, name: string, secret?: string) {
  const res = await request(h.http)
    .post('/api/v1/sites')
    .set(agency())
    .send({
      clientId,
      name,
      kind: 'wordpress',
      url: `https://${name}.example`,
      settings: { username: 'editor' },
      ...(secret ? { secret } : {}),
    })
    .expect(201);
  return String(res.body.id);
}

async function publishedOnce(siteId: string, clientId: string, slug: string) {
  const item = await h.tasks.createContentItem({ clientId, title: slug, slug, markdown: 'x' }, who);
  const { publications } = await h.tasks.requestPublish(
    { contentItemId: item.id, siteIds: [siteId] },
    who,
  );
  return publications[0]!.id;
}

describe('PATCH /api/v1/sites/:id', () => {
  it('changes name, url and settings; kind stays; a secret in settings is refused', async () => {
    const id = await site(h.clientA.id, 'shop');
    const res = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ name: 'Shop', url: 'https://shop.example.cz', settings: { username: 'eva' } })
      .expect(200);
    expect(res.body).toMatchObject({
      id,
      name: 'Shop',
      kind: 'wordpress',
      url: 'https://shop.example.cz',
      settings: { username: 'eva' },
      hasSecret: false,
    });
    const before = await rowCounts(h);
    const kind = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ kind: 'ghost' })
      .expect(400);
    expect(paths(kind)).toEqual(['body.kind']);
    const secret = await request(h.http)
      .patch(`/api/v1/sites/${id}`)
      .set(agency())
      .send({ settings: { appPassword: 'x' }, url: 'https://u:p@shop.example' })
      .expect(400);
    expect(paths(secret).sort()).toEqual(['body.settings.appPassword', 'body.url']);
    expect(await rowCounts(h)).toEqual(before);
  });
});

describe('DELETE /api/v1/sites/:id', () => {
  it('deletes a site nothing names, and its secret', async () => {
    const id = await site(h.clientA.id, 'typo', 'typo-secret-1');
    expect(await h.secrets.get(`site:${id}`)).toBe('typo-secret-1');
    const res = await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(200);
    expect(res.body).toEqual({ id, removal: 'deleted' });
    await request(h.http).get(`/api/v1/sites/${id}`).set(agency()).expect(404);
    expect(await h.secrets.get(`site:${id}`)).toBeUndefined();
  });

  it('refuses while a publication waits, then archives a site that publications name', async () => {
    const id = await site(h.clientA.id, 'blog', 'blog-secret-1');
    const publication = await publishedOnce(id, h.clientA.id, 'news');
    const busy = await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(409);
    expect(busy.body.error.message).toContain(`publication ${publication} is pending`);
    expect(await h.secrets.get(`site:${id}`)).toBe('blog-secret-1');
    await request(h.http)
      .post(`/api/v1/tasks/${(await h.tasks.listPublications({}))[0]!.taskId}/status`)
      .set(agency())
      .send({ to: 'cancelled' });
    const pub = (await h.tasks.listPublications({})).find((p) => p.id === publication);
    expect(pub?.state).toBe('cancelled');
    const res = await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(200);
    expect(res.body).toEqual({ id, removal: 'archived' });
    expect(await h.secrets.get(`site:${id}`)).toBeUndefined();
    const list = await request(h.http)
      .get(`/api/v1/sites?clientId=${h.clientA.id}`)
      .set(agency())
      .expect(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    // The publication still names it; nothing new may be published there.
    const item = await h.tasks.createContentItem(
      { clientId: h.clientA.id, title: 'T', slug: 'later', markdown: 'x' },
      who,
    );
    const refused = await request(h.http)
      .post('/api/v1/publish')
      .set(agency())
      .send({ contentItemId: item.id, siteIds: [id] })
      .expect(400);
    expect(refused.body.error.details).toEqual([
      { path: 'siteIds.0', message: 'this site was removed' },
    ]);
    // Again: nothing more to do, same answer.
    await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(200);
  });

  it('refuses while a schedule publishes to the site', async () => {
    const id = await site(h.clientA.id, 'menu');
    const schedule = await h.tasks.createSchedule(
      {
        clientId: h.clientA.id,
        name: 'Menu',
        rule: { kind: 'cron', expression: '0 9 * * 1' },
        template: { title: 'Menu', slug: 'menu', markdown: 'Soup' },
        siteIds: [id],
      },
      who,
    );
    const res = await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(409);
    expect(res.body.error.message).toContain(schedule.id);
  });
});

describe('DELETE /api/v1/clients/:id', () => {
  it('archives (never destroys): refused while a link is live, then hides it, archives its sites, deletes their secrets, pauses its schedules', async () => {
    const client = await h.tasks.createClient({ name: 'Café C', timezone: 'Europe/Prague' }, who);
    const siteId = await site(client.id, 'cafe', 'cafe-secret-1');
    const schedule = await h.tasks.createSchedule(
      {
        clientId: client.id,
        name: 'Specials',
        rule: { kind: 'cron', expression: '0 9 * * 5' },
        template: { title: 'Specials', slug: 'specials', markdown: 'Cake' },
        siteIds: [siteId],
      },
      who,
    );
    const oldTask = await h.tasks.createTask(
      { kind: 'site-edit', clientId: client.id, details: { request: 'x', siteId } },
      who,
    );
    const link = await h.accounts.createClientLink(client.id, {}, 'sec');
    const live = await request(h.http)
      .delete(`/api/v1/clients/${client.id}`)
      .set(agency())
      .expect(409);
    expect(live.body.error.message).toContain(link.id);
    await request(h.http).delete(`/api/v1/client-links/${link.id}`).set(agency()).expect(204);
    // The schedule still publishes to its site, but archiving pauses it first: allowed.
    const res = await request(h.http)
      .delete(`/api/v1/clients/${client.id}`)
      .set(agency())
      .expect(200);
    expect(res.body).toMatchObject({
      client: { id: client.id, name: 'Café C' },
      siteIds: [siteId],
      pausedScheduleIds: [schedule.id],
    });
    const clients = await request(h.http).get('/api/v1/clients').set(agency()).expect(200);
    expect(clients.body.items.map((c: { id: string }) => c.id)).not.toContain(client.id);
    const archived = await request(h.http)
      .get(`/api/v1/clients/${client.id}`)
      .set(agency())
      .expect(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    const archivedSite = await request(h.http)
      .get(`/api/v1/sites/${siteId}`)
      .set(agency())
      .expect(200);
    expect(archivedSite.body).toMatchObject({
      archivedAt: archived.body.archivedAt,
      hasSecret: false,
    });
    expect(await h.secrets.get(`site:${siteId}`)).toBeUndefined();
    expect((await h.tasks.getSchedule(schedule.id)).schedule.enabled).toBe(false);
    await request(h.http)
      .put(`/api/v1/schedules/${schedule.id}/enabled`)
      .set(agency())
      .send({ enabled: true })
      .expect(409);
    const history = await request(h.http)
      .get(`/api/v1/history?clientId=${client.id}`)
      .set(agency())
      .expect(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['archived', 'disabled', 'created']),
    );
    // Its old work stays editable; no new work for it; its history stays readable.
    await request(h.http)
      .patch(`/api/v1/tasks/${oldTask.id}`)
      .set(agency())
      .send({ title: 'Old request, renamed', priority: 'low' })
      .expect(200);
    for (const [path, body] of [
      ['/api/v1/tasks', { kind: 'site-edit', clientId: client.id, details: { request: 'x' } }],
      ['/api/v1/content-items', { clientId: client.id, title: 'T', slug: 't', markdown: 'x' }],
      [
        '/api/v1/sites',
        {
          clientId: client.id,
          name: 'N',
          kind: 'git',
          url: 'https://n.example',
          settings: { repoUrl: 'https://git.example/n.git' },
        },
      ],
    ] as const) {
      const refused = await request(h.http).post(path).set(agency()).send(body).expect(400);
      expect(refused.body.error.details, path).toEqual([
        { path: 'clientId', message: 'this client was archived' },
      ]);
    }
    const again = await request(h.http)
      .delete(`/api/v1/clients/${client.id}`)
      .set(agency())
      .expect(200);
    expect(again.body.pausedScheduleIds).toEqual([]);
  });
});

// Removing a site deletes its secret first: a secret store that fails answers 503 and leaves
// the site as it was, so the DELETE can be repeated and the secret is never lost track of.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSecretAccount } from '../../../src/secrets/account.js';
import { assertNoLeak, createHarness, PLANTED_SECRET, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const agency = () => ({ Authorization: h.secretaryToken });

/** The harness's memory store, whose next `delete` throws once (a locked keychain). */
function failNextDelete(): { calls: () => number } {
  const real = h.secrets.delete.bind(h.secrets);
  let calls = 0;
  h.secrets.delete = async (account) => {
    calls++;
    h.secrets.delete = real;
    throw new Error(`keychain locked while deleting ${account}`);
  };
  return { calls: () => calls };
}

describe('DELETE /api/v1/sites/:id with a failing secret store', () => {
  it('a site nothing names: 503, the site and its secret stay; the repeated DELETE removes both', async () => {
    const failing = failNextDelete();
    const res = await request(h.http).delete(`/api/v1/sites/${h.siteA.id}`).set(agency());
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('secret_store_failed');
    expect(res.body.error.message).toMatch(/was not removed/);
    expect(failing.calls()).toBe(1);
    const site = await request(h.http).get(`/api/v1/sites/${h.siteA.id}`).set(agency()).expect(200);
    expect(site.body).toMatchObject({ hasSecret: true });
    expect(site.body.archivedAt).toBeUndefined();
    expect(await h.secrets.get(siteSecretAccount(h.siteA.id))).toBe(PLANTED_SECRET);
    const again = await request(h.http)
      .delete(`/api/v1/sites/${h.siteA.id}`)
      .set(agency())
      .expect(200);
    expect(again.body).toEqual({ id: h.siteA.id, removal: 'deleted' });
    expect(await h.secrets.get(siteSecretAccount(h.siteA.id))).toBeUndefined();
    await request(h.http).delete(`/api/v1/sites/${h.siteA.id}`).set(agency()).expect(404);
  });

  it('a site a task names: 503 keeps it live; the repeat archives it; its secret cannot be set again (409)', async () => {
    const created = await request(h.http)
      .post('/api/v1/sites')
      .set(agency())
      .send({
        clientId: h.clientB.id,
        name: 'Named',
        kind: 'ghost',
        url: 'https://named.example',
        secret: 'named-site-key-1',
      })
      .expect(201);
    const id = String(created.body.id);
    await request(h.http)
      .post('/api/v1/tasks')
      .set(agency())
      .send({ kind: 'site-edit', clientId: h.clientB.id, details: { siteId: id, request: 'x' } })
      .expect(201);
    failNextDelete();
    await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(503);
    const listed = await request(h.http)
      .get('/api/v1/sites')
      .query({ clientId: h.clientB.id })
      .set(agency())
      .expect(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect(await h.secrets.get(siteSecretAccount(id))).toBe('named-site-key-1');
    const again = await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(200);
    expect(again.body).toEqual({ id, removal: 'archived' });
    expect(await h.secrets.get(siteSecretAccount(id))).toBeUndefined();
    const put = await request(h.http)
      .put(`/api/v1/sites/${id}/secret`)
      .set(agency())
      .send({ secret: 'named-site-key-2' })
      .expect(409);
    expect(put.body.error.code).toBe('conflict');
    expect(await h.secrets.get(siteSecretAccount(id))).toBeUndefined();
    // A repeat on the archived site only deletes the secret again (and says it still failed).
    failNextDelete();
    await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(503);
    await request(h.http).delete(`/api/v1/sites/${id}`).set(agency()).expect(200);
  });
});

describe('DELETE /api/v1/clients/:id with a failing secret store', () => {
  it('503 leaves the client and its sites as they were; the repeat archives them and deletes the secrets', async () => {
    const who = { actor: 'sec' };
    const client = await h.tasks.createClient({ name: 'Florist', timezone: 'Europe/Prague' }, who);
    const site = await h.tasks.createSite(
      { clientId: client.id, name: 'Flowers', kind: 'ghost', url: 'https://flowers.example' },
      who,
    );
    await h.secrets.set(siteSecretAccount(site.id), 'flowers-admin-key-1');
    failNextDelete();
    const refused = await request(h.http).delete(`/api/v1/clients/${client.id}`).set(agency());
    expect(refused.status).toBe(503);
    expect((await h.tasks.getClient(client.id)).archivedAt).toBeUndefined();
    expect((await h.tasks.getSite(site.id)).archivedAt).toBeUndefined();
    expect(await h.secrets.get(siteSecretAccount(site.id))).toBe('flowers-admin-key-1');
    const done = await request(h.http)
      .delete(`/api/v1/clients/${client.id}`)
      .set(agency())
      .expect(200);
    expect(done.body.siteIds).toEqual([site.id]);
    expect(await h.secrets.get(siteSecretAccount(site.id))).toBeUndefined();
    expect((await h.tasks.getSite(site.id)).archivedAt).toEqual(expect.any(String));
  });
});

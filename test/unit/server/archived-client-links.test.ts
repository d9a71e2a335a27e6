// A removed (archived) client's space stays closed: it gets no new private link, a link of it
// answers 401 like a revoked one, and archiving checks for live links inside its transaction.
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

const admin = () => ({ Authorization: h.adminToken });
const seed = { actor: 'seed' };

async function newClient(name: string): Promise<string> {
  return (await h.tasks.createClient({ name, timezone: 'Europe/Prague' }, seed)).id;
}

describe('private links of a removed (archived) client', () => {
  it('POST /clients/:id/links refuses an archived client with 409 and makes no link', async () => {
    const id = await newClient('Gone Ltd');
    await request(h.http).delete(`/api/v1/clients/${id}`).set(admin()).expect(200);
    const before = await rowCounts(h);
    const res = await request(h.http)
      .post(`/api/v1/clients/${id}/links`)
      .set(admin())
      .send({})
      .expect(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toMatch(/removed \(archived\).*no new private link/);
    expect(res.body.token).toBeUndefined();
    expect(await rowCounts(h)).toEqual(before);
    const links = await request(h.http).get(`/api/v1/clients/${id}/links`).set(admin());
    expect(links.body.items ?? []).toEqual([]);
  });

  it('a link whose client was archived answers 401, like a revoked one', async () => {
    const id = await newClient('Archived Meanwhile');
    const link = await request(h.http)
      .post(`/api/v1/clients/${id}/links`)
      .set(admin())
      .send({})
      .expect(201);
    const bearer = `Bearer ${String(link.body.token)}`;
    await request(h.http).get('/api/v1/client/me').set('Authorization', bearer).expect(200);
    // The client archived while the link was live (a race, or a database from before the check).
    await h.store.db
      .withTables<{ clients: { archived_at: string | null } }>()
      .updateTable('clients')
      .set({ archived_at: new Date(h.clock.now()).toISOString() })
      .where('id', '=', id)
      .execute();
    await h.clock.advance(6_000); // past the principal cache's 5 s
    const me = await request(h.http).get('/api/v1/client/me').set('Authorization', bearer);
    expect(me.status).toBe(401);
    const revokedId = String(link.body.id);
    await request(h.http).delete(`/api/v1/client-links/${revokedId}`).set(admin()).expect(204);
    const revoked = await request(h.http).get('/api/v1/client/me').set('Authorization', bearer);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual(me.body);
    await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', bearer)
      .send({ request: 'Please fix' })
      .expect(401);
  });

  it('archiving refuses a client with a live link inside its own transaction; after the revoke it goes', async () => {
    const id = await newClient('Linked Ltd');
    const link = await h.accounts.createClientLink(id, {}, 'seed');
    // The service's archive itself refuses (not only the route's check before it).
    await expect(h.tasks.archiveClient(id, seed)).rejects.toThrow(/private link/);
    const refused = await request(h.http).delete(`/api/v1/clients/${id}`).set(admin()).expect(409);
    expect(refused.body.error.message).toContain(link.id);
    await request(h.http)
      .get('/api/v1/client/me')
      .set('Authorization', `Bearer ${link.token}`)
      .expect(200);
    await request(h.http).delete(`/api/v1/client-links/${link.id}`).set(admin()).expect(204);
    await request(h.http).delete(`/api/v1/clients/${id}`).set(admin()).expect(200);
  });
});

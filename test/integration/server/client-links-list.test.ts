/**
 * A client's private links through the API (issue 13): a client may have several live links at
 * once (a new one does not end the older ones); GET /clients/:id/links lists them with created,
 * expires and last used — never a token — and only to agency users, only that client's links.
 * The real app on a real (in-memory) SQLite database (test/unit/server/harness.ts).
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, type Harness } from '../../unit/server/harness.js';

let h: Harness;
const made: string[] = [];
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  if (!h) return;
  // The tokens in `made` were shown once, in their POST answers, by design; the lists are
  // checked for them below.
  assertNoLeak(h);
  await h.close();
});

const admin = () => ({ Cookie: h.admin.cookie, 'X-CSRF-Token': h.admin.csrf });
const secretary = () => ({ Authorization: h.secretaryToken });

interface Listed {
  id: string;
  clientId: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

async function makeLink(clientId: string, label: string): Promise<{ id: string; token: string }> {
  const res = await request(h.http)
    .post(`/api/v1/clients/${clientId}/links`)
    .set(secretary())
    .send({ label })
    .expect(201);
  made.push(String(res.body.token));
  return { id: String(res.body.id), token: String(res.body.token) };
}

async function live(clientId: string): Promise<Listed[]> {
  const res = await request(h.http)
    .get(`/api/v1/clients/${clientId}/links?state=live`)
    .set(admin())
    .expect(200);
  return res.body.items as Listed[];
}

describe('several live private links per client', () => {
  let first: { id: string; token: string };
  let second: { id: string; token: string };

  it('a second link leaves the first one working; both are listed as live', async () => {
    first = await makeLink(h.clientA.id, 'for the owner');
    second = await makeLink(h.clientA.id, 'for the shop manager');
    for (const link of [first, second]) {
      const me = await request(h.http)
        .get('/api/v1/client/me')
        .set('Authorization', `Bearer ${link.token}`)
        .expect(200);
      expect(me.body.name).toBe('Bakery A');
    }
    const ids = (await live(h.clientA.id)).map((l) => l.id);
    expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
    // Newest first.
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
  });

  it('lists id, label, created, expires and last used — never a token', async () => {
    const res = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/links`)
      .set(secretary())
      .expect(200);
    const items = res.body.items as Listed[];
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        ['clientId', 'createdAt', 'expiresAt', 'id', 'label', 'lastUsedAt', 'revokedAt'].sort(),
      );
      expect(item.clientId).toBe(h.clientA.id);
    }
    for (const token of [first.token, second.token, h.linkA.slice(7), h.linkExpired.slice(7)])
      expect(res.text).not.toContain(token);
    expect(res.text).not.toMatch(/sdc_|token/i);
  });

  it('records when a link was last used (to the minute), and not before', async () => {
    const fresh = await makeLink(h.clientA.id, 'unused yet');
    const before = (await live(h.clientA.id)).find((l) => l.id === fresh.id);
    expect(before?.lastUsedAt).toBeNull();
    await h.clock.advance(3 * 60_000);
    await request(h.http)
      .get('/api/v1/client/tasks')
      .set('Authorization', `Bearer ${fresh.token}`)
      .expect(200);
    const after = (await live(h.clientA.id)).find((l) => l.id === fresh.id);
    expect(after?.lastUsedAt).toBe(new Date(h.clock.now()).toISOString());
    expect(after?.lastUsedAt).not.toBe(after?.createdAt);
  });

  it('state=live leaves out the revoked and expired links; the default lists every link', async () => {
    await request(h.http).delete(`/api/v1/client-links/${first.id}`).set(admin()).expect(204);
    await request(h.http)
      .get('/api/v1/client/me')
      .set('Authorization', `Bearer ${first.token}`)
      .expect(401);
    // Revoking one link leaves the other one working.
    await request(h.http)
      .get('/api/v1/client/me')
      .set('Authorization', `Bearer ${second.token}`)
      .expect(200);
    const liveIds = (await live(h.clientA.id)).map((l) => l.id);
    expect(liveIds).toContain(second.id);
    expect(liveIds).not.toContain(first.id);
    const all = (
      await request(h.http).get(`/api/v1/clients/${h.clientA.id}/links`).set(admin()).expect(200)
    ).body.items as Listed[];
    expect(all.find((l) => l.id === first.id)?.revokedAt).toEqual(expect.any(String));
    // The harness's expired link is listed in "all" only.
    const expired = all.filter((l) => l.expiresAt <= new Date(h.clock.now()).toISOString());
    expect(expired.length).toBeGreaterThan(0);
    for (const e of expired) expect(liveIds).not.toContain(e.id);
  });

  it('refuses an unknown state and any other query with 400 naming it', async () => {
    const bad = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/links?state=revoked`)
      .set(admin())
      .expect(400);
    expect(bad.body.error.details[0].path).toBe('query.state');
    const other = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/links?token=1`)
      .set(admin())
      .expect(400);
    expect(other.body.error.details[0].path).toBe('query.token');
  });
});

describe('GET /api/v1/clients/:id/links, route × role', () => {
  const callers: [string, number, () => Record<string, string>][] = [
    ['anonymous', 401, () => ({})],
    ['an expired link', 401, () => ({ Authorization: h.linkExpired })],
    ['a revoked link', 401, () => ({ Authorization: `Bearer ${made[0] ?? ''}` })],
    ['an unknown link', 401, () => ({ Authorization: `Bearer sdc_${'x'.repeat(43)}` })],
    ['client A’s own link', 403, () => ({ Authorization: h.linkA })],
    ['client B’s link', 403, () => ({ Authorization: h.linkB })],
  ];

  it.each(callers)('%s gets %i: no list of any client', async (_name, status, headers) => {
    for (const client of [h.clientA, h.clientB]) {
      for (const query of ['', '?state=live']) {
        const res = await request(h.http)
          .get(`/api/v1/clients/${client.id}/links${query}`)
          .set(headers())
          .expect(status);
        expect(res.body.items).toBeUndefined();
        expect(res.body.error.code).toEqual(expect.any(String));
      }
    }
  });

  it('agency users get only the asked client’s links; an unknown client is a 404', async () => {
    for (const headers of [admin(), secretary(), { Authorization: h.adminToken }]) {
      for (const client of [h.clientA, h.clientB]) {
        const res = await request(h.http)
          .get(`/api/v1/clients/${client.id}/links`)
          .set(headers)
          .expect(200);
        const items = res.body.items as Listed[];
        expect(items.length).toBeGreaterThan(0);
        expect(items.every((l) => l.clientId === client.id)).toBe(true);
      }
    }
    const missing = await request(h.http)
      .get(`/api/v1/clients/01HZZZZZZZZZZZZZZZZZZZZZZZ/links`)
      .set(admin())
      .expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('is in the OpenAPI document: agency access, the state query with its two values', async () => {
    const doc = await request(h.http).get('/api/openapi.json').expect(200);
    const op = doc.body.paths['/api/v1/clients/{id}/links'].get;
    expect(op['x-access']).toBe('agency');
    const state = op.parameters.find((p: { name: string }) => p.name === 'state');
    expect(state).toMatchObject({ in: 'query', required: false });
    expect(state.schema.enum).toEqual(['all', 'live']);
  });
});

/**
 * GET /api/v1/system (issue 14): the operator facts behind the admins' System page — which
 * secret store, where, why, and which environment variables choose it — for admins only, and
 * never a secret or a variable's value.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemRoutes } from '../../../src/server/routes/health.js';
import { assertNoLeak, createHarness, PLANTED_SECRET, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('GET /api/v1/system', () => {
  it('tells an admin the store, why it is in use and the variables by name', async () => {
    const res = await request(h.http)
      .get('/api/v1/system')
      .set('Authorization', h.adminToken)
      .expect(200);
    expect(res.body).toMatchObject({
      version: '0.0.0-test',
      secretStore: { kind: 'memory', description: expect.any(String), reason: expect.any(String) },
    });
    expect(res.body.env.map((e: { name: string }) => e.name)).toContain('SITEDESK_MASTER_KEY');
    assertNoLeak(h);
  });

  it('refuses a secretary (403) and a caller without a session (401)', async () => {
    const refused = await request(h.http)
      .get('/api/v1/system')
      .set('Authorization', h.secretaryToken)
      .expect(403);
    expect(JSON.stringify(refused.body)).not.toContain('secretStore');
    await request(h.http).get('/api/v1/system').expect(401);
  });

  it('says whether a variable is set, never its value', async () => {
    const [route] = systemRoutes({
      version: '1',
      secrets: { store: createMemorySecretStore(), reason: 'test' },
      env: { SITEDESK_MASTER_KEY: PLANTED_SECRET, SITEDESK_SECRET_STORE: 'file' },
    });
    const reply = await route!.handler({} as never);
    const text = JSON.stringify(reply?.json);
    expect(text).not.toContain(PLANTED_SECRET);
    expect(reply?.json).toMatchObject({
      env: expect.arrayContaining([
        { name: 'SITEDESK_MASTER_KEY', set: true },
        { name: 'SITEDESK_SECRET_STORE', set: true },
        { name: 'SITEDESK_DATA_DIR', set: false },
      ]),
    });
  });
});

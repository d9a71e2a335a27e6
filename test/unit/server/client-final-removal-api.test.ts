// The final removal through the API (issue 21): GET /api/v1/archived-clients shows whether an
// export newer than the client's last change exists; POST /api/v1/clients/:id/final-removal is
// for administrators, asks for the client's name, and refuses what the CLI refuses.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportClient } from '../../../src/tasks/clients/export.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'sitedesk-final-api-'));
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const as = (token: string) => ({
  post: (path: string, body: object) =>
    request(h.http).post(path).set('Authorization', token).send(body),
  get: (path: string) => request(h.http).get(path).set('Authorization', token),
  del: (path: string) => request(h.http).delete(path).set('Authorization', token),
});

async function addClient(name: string): Promise<string> {
  const res = await as(h.adminToken)
    .post('/api/v1/clients', {
      name,
      timezone: 'Europe/Prague',
      contact: { email: 'owner@salon.example' },
    })
    .expect(201);
  await h.tasks.createTask(
    {
      clientId: res.body.id,
      kind: 'call',
      title: 'Call back about the opening hours',
      details: { caller: 'Owner', number: '+420123456789', at: '2026-03-02T08:00:00Z' },
    },
    { actor: 'admin' },
  );
  return res.body.id as string;
}

describe('POST /api/v1/clients/:id/final-removal', () => {
  it('refuses a client in use, a wrong name, a secretary and a client never exported', async () => {
    const id = await addClient('Salon Lenka');
    const admin = as(h.adminToken);
    const path = `/api/v1/clients/${id}/final-removal`;
    const inUse = await admin.post(path, { confirmName: 'Salon Lenka' }).expect(409);
    expect(inUse.body.error.message).toContain('archive it first');
    await admin.del(`/api/v1/clients/${id}`).expect(200);

    const listed = await admin.get('/api/v1/archived-clients').expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        clientId: id,
        name: 'Salon Lenka',
        lastExport: null,
        exportCurrent: false,
      }),
    ]);
    await as(h.secretaryToken).post(path, { confirmName: 'Salon Lenka' }).expect(403);
    const wrong = await admin.post(path, { confirmName: 'Salon' }).expect(400);
    expect(wrong.body.error.details).toEqual([
      { path: 'confirmName', message: "must be the client's name exactly" },
    ]);
    const never = await admin.post(path, { confirmName: 'Salon Lenka' }).expect(409);
    expect(never.body.error.message).toContain('was never exported');
    await admin.get(`/api/v1/clients/${id}`).expect(200);
  });

  it('after an export, removes the client; the listing shows the export first', async () => {
    const id = (
      (await as(h.adminToken).get('/api/v1/archived-clients').expect(200)).body.items as {
        clientId: string;
      }[]
    )[0]?.clientId as string;
    const file = join(dir, 'salon.tar.gz');
    await exportClient(h.tasks.deps, id, { uploadDir: h.uploadDir }, file, { actor: 'admin' });
    const listed = await as(h.adminToken).get('/api/v1/archived-clients').expect(200);
    expect(listed.body.items[0]).toMatchObject({
      clientId: id,
      exportCurrent: true,
      lastExport: {
        actor: 'admin',
        file,
        sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      },
    });
    const done = await as(h.adminToken)
      .post(`/api/v1/clients/${id}/final-removal`, { confirmName: 'Salon Lenka' })
      .expect(200);
    expect(done.body).toMatchObject({ clientId: id, compacted: true, filesLeft: [] });
    expect(done.body.rows).toMatchObject({ clients: 1, tasks: 1 });
    await as(h.adminToken).get(`/api/v1/clients/${id}`).expect(404);
    expect((await as(h.adminToken).get('/api/v1/archived-clients')).body.items).toEqual([]);
    const history = await as(h.adminToken).get('/api/v1/history').expect(200);
    expect(JSON.stringify(history.body)).not.toContain('Salon Lenka');
  });

  it('removes a client without an export when told so explicitly', async () => {
    const id = await addClient('Salon Two');
    await as(h.adminToken).del(`/api/v1/clients/${id}`).expect(200);
    await as(h.adminToken)
      .post(`/api/v1/clients/${id}/final-removal`, {
        confirmName: 'Salon Two',
        withoutExport: true,
      })
      .expect(200);
    await as(h.adminToken).get(`/api/v1/clients/${id}`).expect(404);
  });
});

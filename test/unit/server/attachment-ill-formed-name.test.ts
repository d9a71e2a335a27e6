// An attachment name may carry a lone UTF-16 surrogate (a task made through the API can):
// the download must still answer, with a well-formed Content-Disposition.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, type Harness } from './harness.js';
import { PNG, binary } from './image-bytes.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h, [h.uploadDir]);
  await h.close();
});

describe('GET /api/v1/tasks/:id/attachments/:n with an ill-formed name', () => {
  it.each([
    ['a lone high surrogate', 'a\ud800.png', 'a%EF%BF%BD.png'],
    ['a lone low surrogate', '\udc00b.png', '%EF%BF%BDb.png'],
    ['a reversed pair', 'x\udc00\ud800.png', 'x%EF%BF%BD%EF%BF%BD.png'],
    ['a real pair (kept)', 'cake\ud83c\udf82.png', 'cake%F0%9F%8E%82.png'],
  ])('%s: 200 with a sane Content-Disposition', async (_label, filename, encoded) => {
    writeFileSync(join(h.uploadDir, 'x.png'), PNG);
    const task = await request(h.http)
      .post('/api/v1/tasks')
      .set('Authorization', h.adminToken)
      .send({
        kind: 'site-edit',
        clientId: h.clientA.id,
        details: {
          request: 'New photo',
          attachments: [{ filename, contentType: 'image/png', path: 'x.png' }],
        },
      })
      .expect(201);
    const res = await request(h.http)
      .get(`/api/v1/tasks/${String(task.body.id)}/attachments/0`)
      .set('Authorization', h.adminToken)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^inline; filename="[\w.-]+"; filename\*=UTF-8''/);
    expect(disposition.endsWith(`filename*=UTF-8''${encoded}`)).toBe(true);
  });
});

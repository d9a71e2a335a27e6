import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailDesk, type MailDesk } from '../../../src/tasks/mail/index.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';
import { JPEG, PNG, binary } from './image-bytes.js';
import { openSse } from './sse-client.js';

let h: Harness;
let mail: MailDesk;
let server: Server;
let base: string;
const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-task-files-'));
beforeAll(async () => {
  h = await createHarness((parts) => {
    mail = createMailDesk({ dataDir }, parts);
    return { mail };
  });
  server = createServer(h.http);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  // Server paths (the upload and mail folders) never reach an answer or a log line.
  assertNoLeak(h, [h.uploadDir, dataDir]);
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (url: string) =>
  request(h.http).get(url).set('Authorization', h.secretaryToken).buffer(true).parse(binary);

describe('task attachments', () => {
  it('shows a URL per attachment and no path, in the list, the detail, the history and live events alike', async () => {
    const live = await openSse(`${base}/api/v1/events`, { Authorization: h.adminToken });
    const sent = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .field('request', 'New photos for the gallery')
      .attach('images', PNG, { filename: 'one.png', contentType: 'image/png' })
      .attach('images', JPEG, { filename: 'two.jpg', contentType: 'image/jpeg' })
      .expect(201);
    const id = String(sent.body.id);
    const [event] = await live.waitFor(1);
    live.close();
    const created = JSON.parse(event!.data) as {
      task: { details: { attachments: { url: string }[] } };
    };
    expect(created.task.details.attachments.map((a) => a.url)).toEqual([
      `/api/v1/tasks/${id}/attachments/0`,
      `/api/v1/tasks/${id}/attachments/1`,
    ]);
    expect(event!.data).not.toContain('"path"');
    const detail = await request(h.http)
      .get(`/api/v1/tasks/${id}`)
      .set('Authorization', h.secretaryToken)
      .expect(200);
    expect(detail.body.task.details.attachments).toEqual([
      {
        filename: 'one.png',
        contentType: 'image/png',
        bytes: PNG.length,
        url: `/api/v1/tasks/${id}/attachments/0`,
      },
      {
        filename: 'two.jpg',
        contentType: 'image/jpeg',
        bytes: JPEG.length,
        url: `/api/v1/tasks/${id}/attachments/1`,
      },
    ]);
    const list = await request(h.http)
      .get('/api/v1/tasks?kind=site-edit')
      .set('Authorization', h.secretaryToken)
      .expect(200);
    const listed = list.body.items.find((t: { id: string }) => t.id === id);
    expect(listed.details.attachments).toEqual(detail.body.task.details.attachments);
    expect(JSON.stringify(detail.body)).not.toContain('"path"');
    const history = await request(h.http)
      .get(`/api/v1/tasks/${id}/history`)
      .set('Authorization', h.secretaryToken)
      .expect(200);
    expect(history.body.items[0].changes.details.attachments[0].filename).toBe('one.png');
    expect(JSON.stringify(history.body)).not.toContain('"path"');
    // In the process the path is still there, for the download route and the runner.
    const { task } = await h.tasks.getTask(id);
    if (task.kind !== 'site-edit') throw new Error('wrong kind');
    expect(task.details.attachments[0]?.path.startsWith(h.uploadDir)).toBe(true);

    const first = await get(`/api/v1/tasks/${id}/attachments/0`).expect(200);
    expect(Buffer.compare(first.body as Buffer, PNG)).toBe(0);
    expect(first.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
    });
    expect(first.headers['content-disposition']).toMatch(/^inline; filename="one\.png"/);
    const second = await get(`/api/v1/tasks/${id}/attachments/1`).expect(200);
    expect(Buffer.compare(second.body as Buffer, JPEG)).toBe(0);
    await get(`/api/v1/tasks/${id}/attachments/2`).expect(404);
    await request(h.http)
      .get(`/api/v1/tasks/${id}/attachments/0`)
      .set('Authorization', h.linkA)
      .expect(403);
  });

  it('serves a mail attachment from the mail folder as a download, never inline', async () => {
    mkdirSync(join(mail.mailDir, 'box', '1-7'), { recursive: true });
    writeFileSync(join(mail.mailDir, 'box', '1-7', '1-page.html'), '<script>alert(1)</script>');
    const task = await h.tasks.createTask(
      {
        kind: 'mail',
        clientId: h.clientA.id,
        source: 'mail',
        details: {
          from: 'eva@example.org',
          subject: 'Page',
          receivedAt: '2026-03-01T10:00:00Z',
          attachments: [
            { filename: 'page.html', contentType: 'text/html', path: 'box/1-7/1-page.html' },
          ],
        },
      },
      { actor: 'intake' },
    );
    const res = await get(`/api/v1/tasks/${task.id}/attachments/0`).expect(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="page\.html"/);
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect((res.body as Buffer).toString()).toBe('<script>alert(1)</script>');
  });

  it('never serves a file outside the upload and mail folders, whatever path a task names', async () => {
    const outside = join(dataDir, 'secret.txt');
    writeFileSync(outside, 'not for download');
    symlinkSync(outside, join(h.uploadDir, 'link.png'));
    const planted = await request(h.http)
      .post('/api/v1/tasks')
      .set('Authorization', h.adminToken)
      .send({
        kind: 'site-edit',
        clientId: h.clientA.id,
        details: {
          request: 'x',
          attachments: [
            { filename: 'a.png', contentType: 'image/png', path: outside },
            { filename: 'b.png', contentType: 'image/png', path: `${h.uploadDir}/../secret.txt` },
            { filename: 'c.png', contentType: 'image/png', path: join(h.uploadDir, 'link.png') },
            { filename: 'd.png', contentType: 'image/png', path: h.uploadDir },
          ],
        },
      })
      .expect(201);
    for (const n of [0, 1, 2, 3]) {
      const res = await get(`/api/v1/tasks/${String(planted.body.id)}/attachments/${n}`);
      expect(res.status, `attachment ${n}`).toBe(404);
      expect((res.body as Buffer).toString()).not.toContain('not for download');
    }
    const mailTask = await h.tasks.createTask(
      {
        kind: 'mail',
        clientId: h.clientA.id,
        details: {
          from: 'x@example.org',
          receivedAt: '2026-03-01T10:00:00Z',
          attachments: [{ filename: 'up', contentType: 'text/plain', path: '../secret.txt' }],
        },
      },
      { actor: 'intake' },
    );
    await get(`/api/v1/tasks/${mailTask.id}/attachments/0`).expect(404);
  });
});

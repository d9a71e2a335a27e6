// Issue 24: files for a reply are uploaded from the reply box before it is sent. Any type is
// taken (a PDF, a spreadsheet), answered file by file like the Write screen's images, kept as
// uploads a reply names by id; an attachment is never an image a site could be given.
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyFileLimits } from '../../../src/tasks/mail/reply-files.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';
import { binary, PNG } from './image-bytes.js';

let h: Harness;
let mailTask: string;
let otherTask: string;
beforeAll(async () => {
  h = await createHarness();
  const who = { actor: 'seed' };
  mailTask = (
    await h.tasks.createTask(
      {
        clientId: h.clientA.id,
        kind: 'mail',
        title: 'Order',
        details: { from: 'jana@example.org', receivedAt: '2026-03-02T08:00:00.000Z' },
      },
      who,
    )
  ).id;
  otherTask = (
    await h.tasks.createTask(
      { clientId: h.clientA.id, kind: 'site-edit', title: 'Hours', details: { request: 'x' } },
      who,
    )
  ).id;
});
afterAll(async () => {
  assertNoLeak(h, [h.uploadDir]);
  await h.close();
});

const FAKE_PHOTO = Buffer.from('<html><script>alert(1)</script>');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const post = (task: string) =>
  request(h.http).post(`/api/v1/tasks/${task}/reply-files`).set('Authorization', h.adminToken);

describe('POST /api/v1/tasks/:id/reply-files', () => {
  it('keeps the good files under her names and names each refused one', async () => {
    const files = readdirSync(h.uploadDir).length;
    const res = await post(mailTask)
      .attach('files', PDF, { filename: 'Nabídka ceny.pdf', contentType: 'application/pdf' })
      .attach('files', Buffer.alloc(0), { filename: 'prázdný.txt', contentType: 'text/plain' })
      .attach('files', Buffer.alloc(replyFileLimits.maxFileBytes + 1, 1), {
        filename: 'video.mov',
        contentType: 'video/quicktime',
      })
      // Says it is a photo, is not: kept, but never served as an image.
      .attach('files', FAKE_PHOTO, {
        filename: 'photo.png',
        contentType: 'image/png',
      })
      .attach('files', PNG, { filename: 'plan.png', contentType: 'application/octet-stream' })
      .expect(201);
    expect(
      res.body.items.map((i: { filename: string; contentType: string; bytes: number }) => [
        i.filename,
        i.contentType,
        i.bytes,
      ]),
    ).toEqual([
      ['Nabídka ceny.pdf', 'application/pdf', PDF.length],
      ['photo.png', 'application/octet-stream', FAKE_PHOTO.length],
      ['plan.png', 'image/png', PNG.length],
    ]);
    expect(
      res.body.refused.map((r: { index: number; filename: string; reason: string }) => [
        r.index,
        r.filename,
        r.reason,
      ]),
    ).toEqual([
      [1, 'prázdný.txt', 'empty'],
      [2, 'video.mov', 'too_big'],
    ]);
    expect(readdirSync(h.uploadDir)).toHaveLength(files + 3);
    // Fetched back byte for byte, as a download (not shown in the app's origin).
    const pdf = await request(h.http)
      .get(res.body.items[0].url)
      .set('Authorization', h.adminToken)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/octet-stream');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(pdf.body as Buffer, PDF)).toBe(0);
    // A file for a reply is not an image a text may name.
    const refusedImage = await request(h.http)
      .post('/api/v1/content-items')
      .set('Authorization', h.adminToken)
      .send({
        clientId: h.clientA.id,
        title: 'Offer',
        slug: 'offer',
        markdown: 'See',
        images: [{ uploadId: res.body.items[0].id }],
      })
      .expect(400);
    expect(JSON.stringify(refusedImage.body.error.details)).toContain('images.0.uploadId');
  });

  it('answers 400 with the refused list when no file is good, and for a task that is no mail', async () => {
    const files = readdirSync(h.uploadDir).length;
    const none = await post(mailTask)
      .attach('images', PDF, { filename: 'offer.pdf', contentType: 'application/pdf' })
      .expect(400);
    expect(none.body.refused).toEqual([
      expect.objectContaining({ index: 0, filename: 'offer.pdf', reason: 'wrong_field' }),
    ]);
    expect(none.body.error.details[0].path).toBe('body.files.0');
    const notMail = await post(otherTask)
      .attach('files', PDF, { filename: 'offer.pdf', contentType: 'application/pdf' })
      .expect(400);
    expect(notMail.body.error.details).toEqual([{ path: 'id', message: 'is not a mail task' }]);
    await post(mailTask).send({ files: [] }).expect(400);
    expect(readdirSync(h.uploadDir)).toHaveLength(files);
  });

  it('takes at most the files one reply may carry', async () => {
    let req = post(mailTask);
    for (let n = 0; n <= replyFileLimits.maxFiles; n++)
      req = req.attach('files', PDF, { filename: `part-${n}.pdf`, contentType: 'application/pdf' });
    const res = await req.expect(400);
    expect(res.body.error.details).toContainEqual({
      path: 'body.files',
      message: `at most ${replyFileLimits.maxFiles} files`,
    });
  });
});

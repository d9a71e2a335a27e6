// A letter's approval through the client's private link and its dictation (issue 20), on the
// real app and store: the secretary sends it, only that client sees it and its PDF, she asks
// for changes and then approves; voice messages are taken by their bytes and played back
// inline, anything else is a 400 naming the field and leaves nothing behind.
// Sending the approved letter through real SMTP: test/e2e/letters.test.ts.
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { czechHeadInput } from '../tasks/letters/letters-fixtures.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const agency = () => ({ Authorization: h.secretaryToken });
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);
const binary = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

async function newLetter(): Promise<string> {
  const head = await request(h.http)
    .post(`/api/v1/clients/${h.clientA.id}/letterheads`)
    .set(agency())
    .send(czechHeadInput)
    .expect(201);
  const letter = await request(h.http)
    .post('/api/v1/letters')
    .set(agency())
    .send({
      clientId: h.clientA.id,
      letterheadId: head.body.id,
      recipient: { name: 'Ing. Jana Dvořáková', address: ['Květinová 881/7', '602 00 Brno'] },
      subject: 'Výpověď smlouvy',
      body: 'Vážená paní inženýrko,\n\nvypovídáme smlouvu.',
      approvalWanted: true,
    })
    .expect(201);
  return letter.body.id as string;
}

/** A WAV header and a little silence: what a recorder app saves. */
function wav(bytes = 2_000): Buffer {
  const out = Buffer.alloc(44 + bytes);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + bytes, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(8000, 24);
  out.writeUInt32LE(16000, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(bytes, 40);
  return out;
}

describe('a letter approved through the client link', () => {
  it('is shown only to its client once sent to her; changes, then approval', async () => {
    const id = await newLetter();
    const mine = () =>
      request(h.http).get('/api/v1/client/tasks').set('Authorization', h.linkA).expect(200);
    // Not yet sent to her: her page does not show it, nor its PDF.
    expect((await mine()).body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    await request(h.http)
      .get(`/api/v1/client/tasks/${id}/pdf`)
      .set('Authorization', h.linkA)
      .expect(404);

    const asked = await request(h.http)
      .post(`/api/v1/letters/${id}/approval`)
      .set(agency())
      .send({ note: 'Prosím o kontrolu.' })
      .expect(200);
    expect(asked.body).toMatchObject({
      status: 'waiting_client',
      details: { approval: { state: 'waiting', round: 1, note: 'Prosím o kontrolu.' } },
    });
    const seen = (await mine()).body.items.find((x: { id: string }) => x.id === id);
    expect(seen).toMatchObject({
      kind: 'letter',
      status: 'waiting_client',
      letter: { subject: 'Výpověď smlouvy', recipient: 'Ing. Jana Dvořáková' },
      approval: { state: 'waiting', round: 1, note: 'Prosím o kontrolu.' },
    });
    // Nothing of the letter's details beyond that reaches her page.
    expect(JSON.stringify(seen)).not.toContain('Květinová');
    const pdf = await binary(
      request(h.http).get(`/api/v1/client/tasks/${id}/pdf`).set('Authorization', h.linkA),
    ).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Another client's link: "not found", for the PDF and the decision alike.
    await request(h.http)
      .get(`/api/v1/client/tasks/${id}/pdf`)
      .set('Authorization', h.linkB)
      .expect(404);
    await request(h.http)
      .post(`/api/v1/client/tasks/${id}/decision`)
      .set('Authorization', h.linkB)
      .send({ decision: 'approve' })
      .expect(404);

    const changes = await request(h.http)
      .post(`/api/v1/client/tasks/${id}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'reject', comment: 'Prosím zdvořileji.' })
      .expect(200);
    expect(changes.body).toMatchObject({
      status: 'in_progress',
      approval: { state: 'changes', comment: 'Prosím zdvořileji.' },
    });
    await request(h.http)
      .post(`/api/v1/client/tasks/${id}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'approve' })
      .expect(409);

    await request(h.http)
      .patch(`/api/v1/letters/${id}`)
      .set(agency())
      .send({ body: 'Vážená paní inženýrko,\n\ndovolujeme si smlouvu vypovědět.' })
      .expect(200);
    const again = await request(h.http)
      .post(`/api/v1/letters/${id}/approval`)
      .set(agency())
      .send({})
      .expect(200);
    expect(again.body.details.approval).toMatchObject({ state: 'waiting', round: 2 });
    expect(again.body.details.approval.comment).toBeUndefined();
    const approved = await request(h.http)
      .post(`/api/v1/client/tasks/${id}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'approve', comment: '' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      approval: { state: 'approved', round: 2 },
    });
    const letter = await request(h.http).get(`/api/v1/letters/${id}`).set(agency()).expect(200);
    expect(letter.body.details.approval).toMatchObject({ state: 'approved', round: 2 });
    // The history names her as the one who decided.
    const task = await request(h.http).get(`/api/v1/tasks/${id}`).set(agency()).expect(200);
    const actors = task.body.history.map((e: { actor: string }) => e.actor);
    expect(actors).toContain(`client:${h.clientA.id}`);
  });
});

describe('dictation on a letter', () => {
  it('takes a voice message by its bytes and plays it back inline', async () => {
    const id = await newLetter();
    const res = await request(h.http)
      .post(`/api/v1/letters/${id}/dictation`)
      .set(agency())
      .attach('audio', wav(), 'vzkaz.wav')
      .expect(201);
    expect(res.body.details.dictation).toHaveLength(1);
    const upload = res.body.details.dictation[0] as string;
    const played = await binary(
      request(h.http).get(`/api/v1/uploads/${upload}`).set(agency()),
    ).expect(200);
    expect(played.headers['content-type']).toBe('audio/wav');
    expect(played.headers['content-disposition']).toMatch(/^inline/);
    expect(Buffer.compare(played.body as Buffer, wav())).toBe(0);
    // An Ogg voice note (Opus from a messenger app) is taken too.
    const ogg = Buffer.concat([Buffer.from('OggS\0\x02', 'latin1'), Buffer.alloc(200)]);
    const second = await request(h.http)
      .post(`/api/v1/letters/${id}/dictation`)
      .set(agency())
      .attach('audio', ogg, 'voice.opus')
      .expect(201);
    expect(second.body.details.dictation).toHaveLength(2);
    // A change of the text alone keeps the voice messages (and the attachments).
    const changed = await request(h.http)
      .patch(`/api/v1/letters/${id}`)
      .set(agency())
      .send({ body: 'Vážená paní inženýrko,\n\nděkujeme.' })
      .expect(200);
    expect(changed.body.details.dictation).toEqual(second.body.details.dictation);
    // …and the client's wish to see it first, which a default would have turned off.
    expect(changed.body.details.approvalWanted).toBe(true);
    const subjectOnly = await request(h.http)
      .patch(`/api/v1/letters/${id}`)
      .set(agency())
      .send({ subject: 'Výpověď smlouvy č. 12' })
      .expect(200);
    expect(subjectOnly.body.details.body).toBe('Vážená paní inženýrko,\n\nděkujeme.');
  });

  it('refuses what is not a voice message, a wrong field and a huge file, keeping nothing', async () => {
    const id = await newLetter();
    const before = await rowCounts(h);
    const files = () => readdirSync(h.uploadDir).length;
    const kept = files();
    const cases: [string, Buffer, string, string][] = [
      ['audio', Buffer.from('this is only text, named like a song'), 'song.mp3', 'body.audio.0'],
      ['audio', Buffer.from('\x89PNG\r\n\x1a\n0000', 'latin1'), 'photo.m4a', 'body.audio.0'],
      // In another field it is refused all the same, said as the field it should have come in.
      ['images', wav(), 'vzkaz.wav', 'body.audio.0'],
      ['audio', wav(25 * 1024 * 1024), 'long.wav', 'body.audio.0'],
    ];
    for (const [field, bytes, name, path] of cases) {
      const res = await request(h.http)
        .post(`/api/v1/letters/${id}/dictation`)
        .set(agency())
        .attach(field, bytes, name);
      expect(res.status, name).toBe(400);
      expect(paths(res), name).toEqual([path]);
    }
    const none = await request(h.http)
      .post(`/api/v1/letters/${id}/dictation`)
      .set(agency())
      .field('note', 'x');
    expect(none.status).toBe(400);
    expect(await rowCounts(h)).toEqual(before);
    expect(files()).toBe(kept);
    const letter = await request(h.http).get(`/api/v1/letters/${id}`).set(agency()).expect(200);
    expect(letter.body.details.dictation).toEqual([]);
  });
});

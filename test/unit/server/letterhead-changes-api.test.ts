// Editing and removing letterheads and templates (issue 20) on the real app and store: a 400
// names the field, another client's or an unknown id is a 404, a letterhead a letter not sent
// yet is written on is refused, a used one is archived, an unused one deleted — and the PDF of a
// letter that went out comes back byte for byte the same after every edit and the removal,
// while a draft follows the edit (read back with pdftotext).
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPosted } from '../../../src/tasks/letters/send.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';
import { czechHeadInput } from '../tasks/letters/letters-fixtures.js';

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
const headsOf = (clientId: string) => `/api/v1/clients/${clientId}/letterheads`;
const templatesOf = (clientId: string) => `/api/v1/clients/${clientId}/letter-templates`;
const recipient = { name: 'Ing. Jana Dvořáková', address: ['Květinová 881/7', '602 00 Brno'] };

async function newHead(name = 'Česká hlavička'): Promise<string> {
  const res = await request(h.http)
    .post(headsOf(h.clientA.id))
    .set(agency())
    .send({ ...czechHeadInput, name })
    .expect(201);
  return res.body.id as string;
}

async function newLetter(letterheadId: string, subject: string): Promise<string> {
  const res = await request(h.http)
    .post('/api/v1/letters')
    .set(agency())
    .send({ clientId: h.clientA.id, letterheadId, recipient, subject, body: 'Dobrý den.' })
    .expect(201);
  return res.body.id as string;
}

async function pdfOf(letterId: string): Promise<Buffer> {
  const res = await request(h.http)
    .get(`/api/v1/letters/${letterId}/pdf`)
    .set(agency())
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return res.body as Buffer;
}

/**
 * Records a letter as printed and posted. The route needs the mail desk, which this harness
 * has not; it calls this very function (sending by e-mail: test/e2e/letters.test.ts).
 */
const post = (letterId: string, postedOn: string) =>
  markPosted(h.tasks.deps, letterId, { postedOn }, { actor: 'secretary' });

const textOf = (pdf: Buffer): string =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });

describe('editing and removing letterheads', () => {
  it('changes only the fields given; null takes the logo off; bad input names the field', async () => {
    const id = await newHead('Na úpravu');
    const before = await rowCounts(h);
    const bad: [object, string][] = [
      [{ logo: { data: Buffer.from('just text, no image').toString('base64') } }, 'logo'],
      [{ signature: { image: { data: 'A'.repeat(430_000) } } }, 'body.signature.image.data'],
      [{ sender: ['Pekařství\nDlouhá 12'] }, 'body.sender.0'],
      [{ sender: [] }, 'body.sender'],
      [{ numbering: 'bez čísla' }, 'body.numbering'],
      [{ paper: 'A5' }, 'body.paper'],
      [{ colour: 'red' }, 'body.colour'],
      [{}, 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await request(h.http)
        .patch(`${headsOf(h.clientA.id)}/${id}`)
        .set(agency())
        .send(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(paths(res), field).toEqual([field]);
    }
    expect(await rowCounts(h)).toEqual(before);

    const changed = await request(h.http)
      .patch(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .send({
        name: 'Upravená hlavička',
        sender: ['Pekařství U Kašpárků s.r.o.', 'Nová 3', '110 00 Praha 1'],
        logo: null,
        signature: { role: null },
        paper: 'Letter',
      })
      .expect(200);
    expect(changed.body).toMatchObject({
      id,
      name: 'Upravená hlavička',
      paper: 'Letter',
      hasLogo: false,
      sender: ['Pekařství U Kašpárků s.r.o.', 'Nová 3', '110 00 Praha 1'],
      // What was not given stays.
      footer: czechHeadInput.footer,
      signature: { name: 'Růžena Kašpárková', hasImage: true },
    });
    expect(changed.body.signature.role).toBeUndefined();
    const list = await request(h.http).get(headsOf(h.clientA.id)).set(agency()).expect(200);
    expect(list.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({
      name: 'Upravená hlavička',
      hasLogo: false,
    });
  });

  it('answers 404 for another client’s or an unknown letterhead, changing nothing', async () => {
    const id = await newHead('Cizí');
    const before = await rowCounts(h);
    for (const path of [
      `${headsOf(h.clientB.id)}/${id}`,
      `${headsOf(h.clientA.id)}/01ARZ3NDEKTSV4RRFFQ69G5FAV`,
    ]) {
      await request(h.http).patch(path).set(agency()).send({ name: 'x' }).expect(404);
      await request(h.http).delete(path).set(agency()).expect(404);
    }
    expect(await rowCounts(h)).toEqual(before);
  });

  it('keeps a sent letter’s PDF byte for byte; a draft follows; removal waits for the draft, then archives', async () => {
    const id = await newHead('Odeslané');
    const sent = await newLetter(id, 'Odeslaný dopis');
    await post(sent, '2026-12-04');
    const sentPdf = await pdfOf(sent);
    expect(textOf(sentPdf)).toContain('Dlouhá 12');
    const draft = await newLetter(id, 'Rozepsaný dopis');

    await request(h.http)
      .patch(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .send({ sender: ['Pekařství U Kašpárků s.r.o.', 'Široká 99', '110 00 Praha 1'] })
      .expect(200);
    expect((await pdfOf(sent)).equals(sentPdf)).toBe(true);
    const draftText = textOf(await pdfOf(draft));
    expect(draftText).toContain('Široká 99');
    expect(draftText).not.toContain('Dlouhá 12');

    const refused = await request(h.http)
      .delete(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .expect(409);
    expect(refused.body.error).toMatchObject({ code: 'letterhead_in_use' });
    expect(refused.body.error.message).toContain('1 letter(s) not sent yet');
    await request(h.http)
      .post(`/api/v1/tasks/${draft}/status`)
      .set(agency())
      .send({ to: 'cancelled' })
      .expect(200);

    const removed = await request(h.http)
      .delete(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .expect(200);
    expect(removed.body).toEqual({ id, outcome: 'archived', letters: 2 });
    expect((await pdfOf(sent)).equals(sentPdf)).toBe(true);
    const register = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/letter-register?q=Odeslaný`)
      .set(agency())
      .expect(200);
    expect(register.body.items).toHaveLength(1);
    const list = await request(h.http).get(headsOf(h.clientA.id)).set(agency()).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    // Gone for her: no new letter on it, no edit, no second removal.
    const again = await request(h.http)
      .post('/api/v1/letters')
      .set(agency())
      .send({ clientId: h.clientA.id, letterheadId: id, recipient, subject: 'Nový', body: 'x' });
    expect(again.status).toBe(400);
    expect(paths(again)).toEqual(['letterheadId']);
    await request(h.http)
      .patch(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .send({ name: 'x' })
      .expect(404);
    await request(h.http)
      .delete(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .expect(404);
  });

  it('deletes a letterhead no letter used', async () => {
    const id = await newHead('Nepoužitá');
    const removed = await request(h.http)
      .delete(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .expect(200);
    expect(removed.body).toEqual({ id, outcome: 'deleted', letters: 0 });
    const row = await h.store.db
      .selectFrom('letterheads')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('asks the client again when the letterhead of a letter she approved changes', async () => {
    const id = await newHead('Ke schválení');
    const res = await request(h.http)
      .post('/api/v1/letters')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        letterheadId: id,
        recipient,
        subject: 'Ke schválení',
        body: 'Dobrý den.',
        approvalWanted: true,
      })
      .expect(201);
    const letter = res.body.id as string;
    await request(h.http).post(`/api/v1/letters/${letter}/approval`).set(agency()).send({});
    await request(h.http)
      .post(`/api/v1/client/tasks/${letter}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'approve' })
      .expect(200);
    await request(h.http)
      .patch(`${headsOf(h.clientA.id)}/${id}`)
      .set(agency())
      .send({ closing: 'Se srdečným pozdravem' })
      .expect(200);
    const after = await request(h.http).get(`/api/v1/letters/${letter}`).set(agency()).expect(200);
    expect(after.body.details.approval).toMatchObject({ state: 'changes' });
    await expect(post(letter, '2026-12-05')).rejects.toMatchObject({
      code: 'letter_not_approved',
    });
  });
});

describe('editing and removing letter templates', () => {
  it('changes and deletes a template; letters written from it keep their words', async () => {
    const head = await newHead('Pro šablony');
    const made = await request(h.http)
      .post(templatesOf(h.clientA.id))
      .set(agency())
      .send({ name: 'Poděkování', subject: 'Děkujeme', body: 'Děkujeme za {{what}}.' })
      .expect(201);
    const id = made.body.id as string;
    const letter = await request(h.http)
      .post('/api/v1/letters')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        letterheadId: head,
        recipient,
        template: { id, fields: { what: 'objednávku' } },
      })
      .expect(201);

    for (const [body, field] of [
      [{ name: '' }, 'body.name'],
      [{ subject: 'Děkujeme\tvám' }, 'body.subject'],
      [{ body: 5 }, 'body.body'],
      [{}, 'body'],
    ] as [object, string][]) {
      const res = await request(h.http)
        .patch(`${templatesOf(h.clientA.id)}/${id}`)
        .set(agency())
        .send(body);
      expect(res.status, field).toBe(400);
      expect(paths(res), field).toEqual([field]);
    }
    for (const path of [
      `${templatesOf(h.clientB.id)}/${id}`,
      `${templatesOf(h.clientA.id)}/01ARZ3NDEKTSV4RRFFQ69G5FAV`,
    ]) {
      await request(h.http).patch(path).set(agency()).send({ name: 'x' }).expect(404);
      await request(h.http).delete(path).set(agency()).expect(404);
    }

    const changed = await request(h.http)
      .patch(`${templatesOf(h.clientA.id)}/${id}`)
      .set(agency())
      .send({ body: 'Srdečně děkujeme za {{what}} ze dne {{date}}.' })
      .expect(200);
    expect(changed.body).toMatchObject({
      id,
      name: 'Poděkování',
      subject: 'Děkujeme',
      fields: ['what', 'date'],
    });
    await request(h.http)
      .delete(`${templatesOf(h.clientA.id)}/${id}`)
      .set(agency())
      .expect(200, { id });
    const list = await request(h.http).get(templatesOf(h.clientA.id)).set(agency()).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    await request(h.http)
      .delete(`${templatesOf(h.clientA.id)}/${id}`)
      .set(agency())
      .expect(404);
    const kept = await request(h.http)
      .get(`/api/v1/letters/${letter.body.id}`)
      .set(agency())
      .expect(200);
    expect(kept.body.details.body).toBe('Děkujeme za objednávku.');
  });
});

// The letters API (issue 20) on the real app and store: bad input is a 400 naming the field and
// saves nothing; a good letter's PDF comes back as a PDF; the register answers and exports CSV.
// Sending needs the mail servers: test/integration/tasks/letters-send.test.ts.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function letterhead(): Promise<string> {
  const res = await request(h.http)
    .post(`/api/v1/clients/${h.clientA.id}/letterheads`)
    .set(agency())
    .send(czechHeadInput)
    .expect(201);
  expect(res.body).toMatchObject({
    name: 'Česká hlavička',
    hasLogo: true,
    signature: { hasImage: true },
  });
  expect(JSON.stringify(res.body)).not.toContain(czechHeadInput.logo!.data.slice(0, 40));
  return res.body.id as string;
}

const recipient = {
  name: 'Ing. Jana Dvořáková',
  address: ['Květinová 881/7', '602 00 Brno'],
  email: 'jana@example.org',
};

describe('letters API', () => {
  it('refuses bad letterheads with the field named, saving nothing', async () => {
    const before = await rowCounts(h);
    const notImage = Buffer.from('GIF89a not a png').toString('base64');
    const cases: [object, string][] = [
      [
        { ...czechHeadInput, logo: { data: Buffer.from('hello, I am text').toString('base64') } },
        'logo',
      ],
      [{ ...czechHeadInput, logo: { data: 'A'.repeat(430_000) } }, 'body.logo.data'],
      [
        {
          ...czechHeadInput,
          signature: { ...czechHeadInput.signature, image: { data: notImage } },
        },
        'signature.image',
      ],
      [{ ...czechHeadInput, signature: undefined }, 'body.signature'],
      [{ ...czechHeadInput, sender: ['<b>Pekařství</b>\nDlouhá'] }, 'body.sender.0'],
    ];
    for (const [body, field] of cases) {
      const res = await request(h.http)
        .post(`/api/v1/clients/${h.clientA.id}/letterheads`)
        .set(agency())
        .send(body);
      expect(res.status, field).toBe(400);
      expect(paths(res), field).toEqual([field]);
    }
    expect(await rowCounts(h)).toEqual(before);
  });

  it('refuses a letter whose address does not fit the window or whose body carries a script', async () => {
    const head = await letterhead();
    const send = (body: object) =>
      request(h.http)
        .post('/api/v1/letters')
        .set(agency())
        .send({ clientId: h.clientA.id, letterheadId: head, subject: 'Věc', ...body });
    const tall = await send({
      recipient: { ...recipient, address: ['1', '2', '3', '4', '5', '6'] },
      body: 'Dobrý den',
    });
    expect(tall.status).toBe(400);
    expect(paths(tall)).toEqual(['recipient.address']);
    const wide = await send({
      recipient: {
        ...recipient,
        address: ['Náměstí Svatopluka Čecha a Přemysla Otakara II. 1234/56a'],
      },
      body: 'x',
    });
    expect(paths(wide)).toEqual(['recipient.address.0']);
    const script = await send({ recipient, body: 'Dobrý den <script>alert(1)</script>' });
    expect(script.status).toBe(400);
    expect(paths(script)).toEqual(['body']);
    const tasks = await request(h.http).get('/api/v1/tasks?kind=letter').set(agency()).expect(200);
    expect(tasks.body.items).toEqual([]);
  });

  it('makes a letter, answers its draft PDF, fills a template and needs every field', async () => {
    const head = await letterhead();
    const template = await request(h.http)
      .post(`/api/v1/clients/${h.clientA.id}/letter-templates`)
      .set(agency())
      .send({
        name: 'Upomínka',
        subject: 'Upomínka faktury {{invoice}}',
        body: 'Vážená paní {{name}},\n\nfaktura {{invoice}} na {{amount}} Kč je po splatnosti.',
      })
      .expect(201);
    expect(template.body.fields).toEqual(['invoice', 'name', 'amount']);
    const missing = await request(h.http)
      .post('/api/v1/letters')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        letterheadId: head,
        recipient,
        template: { id: template.body.id, fields: { invoice: '2026-118' } },
      });
    expect(missing.status).toBe(400);
    expect(paths(missing)).toEqual(['template.fields.amount']);
    const made = await request(h.http)
      .post('/api/v1/letters')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        letterheadId: head,
        recipient,
        template: { id: template.body.id, fields: { invoice: '2026-118', amount: '1 250' } },
      })
      .expect(201);
    expect(made.body).toMatchObject({
      kind: 'letter',
      status: 'open',
      details: { subject: 'Upomínka faktury 2026-118' },
    });
    expect(made.body.details.body).toContain('Vážená paní Ing. Jana Dvořáková,');
    const pdf = await request(h.http)
      .get(`/api/v1/letters/${made.body.id}/pdf`)
      .set(agency())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const register = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/letter-register?q=x`)
      .set(agency())
      .expect(200);
    expect(register.body.items).toEqual([]);
    const csv = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/letter-register/export`)
      .set(agency())
      .expect(200);
    expect(csv.text).toBe('\ufeffnumber,date,method,recipient,email,subject\r\n');
  });
});

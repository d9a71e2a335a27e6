/**
 * Unsubscribe links of mailings, against a real SMTP server (smtp-server) and the real app:
 * the link in each mail is sitedesk's own and signed; a mail program's RFC 8058 one-click POST
 * and a person's click through the page both put the address on the client's suppression list,
 * and the next mailing skips those addresses (and says how many). A forged link does nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailDesk, type MailDesk } from '../../../src/tasks/mail/index.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { createHarness, type Harness } from '../../unit/server/harness.js';
import { until } from './until.js';

let h: Harness;
let smtp: SmtpTestServer;
let mail: MailDesk | undefined;
beforeAll(async () => {
  smtp = await startSmtpServer();
  h = await createHarness(({ tasks, secrets, logger }) => {
    mail = createMailDesk(
      { dataDir: mkdtempSync(join(tmpdir(), 'sitedesk-unsub-')) },
      { tasks, secrets, logger },
    );
    return { mail };
  });
});
afterAll(async () => {
  await mail?.stop();
  await h?.close();
  await smtp?.stop();
});

/** The one-click address of the mail that reached `to` (from its List-Unsubscribe header). */
function linkOf(to: string): string {
  const raw = smtp.messages.find((m) => m.to.includes(to))?.raw ?? '';
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  const header = /^List-Unsubscribe: <([^>]+)>/im.exec(unfolded)?.[1];
  if (!header) throw new Error(`no List-Unsubscribe in the mail to ${to}`);
  expect(unfolded).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
  return new URL(header).pathname; // /u/<token>
}

describe('unsubscribe and the suppression list', () => {
  it('one-click POST and the page both unsubscribe; the next mailing skips them', async () => {
    const auth = { Authorization: h.adminToken };
    await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        password: 'pw',
        settings: {
          id: 'bakery-promo',
          address: 'shop@bakery.example',
          imap: { host: '127.0.0.1', port: 1, secure: false, starttls: 'never' },
          smtp: { host: '127.0.0.1', port: smtp.port, secure: false, starttls: 'never' },
        },
      })
      .expect(201);
    const item = await h.tasks.createContentItem(
      {
        clientId: h.clientA.id,
        kind: 'promotion',
        title: 'Výprodej',
        slug: 'vyprodej',
        markdown: '# Výprodej\n\nVšechno za polovic.',
        language: 'cs',
      },
      { actor: 'test' },
    );
    const people = ['ann@example.org', 'ben@example.org', 'cat@example.org'];
    const send = async () => {
      const created = await request(h.http)
        .post(`/api/v1/clients/${h.clientA.id}/mailings`)
        .set(auth)
        .send({
          contentItemId: item.id,
          mailboxId: 'bakery-promo',
          csv: ['email', ...people].join('\n'),
          pageUrl: 'https://a.example/vyprodej',
          intervalMs: 0,
        })
        .expect(201);
      const id = created.body.mailing.id as string;
      await request(h.http).post(`/api/v1/mailings/${id}/start`).set(auth).send({}).expect(202);
      const done = await until(
        async () => (await request(h.http).get(`/api/v1/mailings/${id}`).set(auth)).body,
        (b) => b.state === 'done',
        20_000,
      );
      return { created: created.body, done };
    };

    const first = await send();
    expect(first.created.suppressed).toBe(0);
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(people);
    // The promotion speaks the content's language, and says the title once.
    const annMail = smtp.messages.find((m) => m.to.includes('ann@example.org'))!.raw;
    expect(annMail).toMatch(/Odhl=C3=A1sit se|Odhlásit se/);
    expect(annMail.match(/<h1>/g)).toHaveLength(1);

    // A mail program's one-click: a form POST to the header's address, no cookie.
    const annLink = linkOf('ann@example.org');
    await request(h.http)
      .post(annLink)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200, { unsubscribed: true });

    // A person: the link leads to the page, which changes nothing until she confirms.
    const benLink = linkOf('ben@example.org');
    const page = await request(h.http).get(benLink).expect(303);
    const token = benLink.split('/').at(-1)!;
    expect(page.headers.location).toBe(`/#/u/${token}`);
    const before = await request(h.http).get(`/api/v1/unsubscribe/${token}`).expect(200);
    expect(before.body).toEqual({
      sender: h.clientA.name,
      email: 'ben@example.org',
      language: 'cs',
      unsubscribed: false,
    });
    await request(h.http).post(`/api/v1/unsubscribe/${token}`).expect(200);

    // A link with the address changed is not signed for it.
    const [body, sig] = token.split('.');
    const forgedBody = Buffer.from(
      Buffer.from(body!, 'base64url').toString().replace('ben@', 'cat@'),
    ).toString('base64url');
    await request(h.http).post(`/u/${forgedBody}.${sig}`).type('form').send('').expect(404);
    await request(h.http).post('/api/v1/unsubscribe/not-a-token').expect(400);

    const list = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/suppressions`)
      .set(auth)
      .expect(200);
    expect(list.body.items.map((s: { email: string }) => s.email).sort()).toEqual([
      'ann@example.org',
      'ben@example.org',
    ]);
    expect(list.body.items[0].reason).toBe('unsubscribed');
    const exported = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/suppressions/export`)
      .set(auth)
      .expect(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.text.split('\n')[0]).toBe('email,reason,at');
    expect(exported.text).toMatch(/^ann@example\.org,unsubscribed,\d{4}-/m);
    expect(exported.text).toMatch(/^ben@example\.org,unsubscribed,\d{4}-/m);

    // The next mailing to the same three: only cat gets it; the two are counted as skipped.
    smtp.messages.length = 0;
    const second = await send();
    expect(second.created.suppressed).toBe(2);
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['cat@example.org']);
    expect(second.done.counts).toEqual({ sent: 1, skipped: 2 });
    expect(second.done.report.skipped).toBe(2);

    // Added by hand and imported: another client's list stays empty.
    await request(h.http)
      .post(`/api/v1/clients/${h.clientA.id}/suppressions/import`)
      .set(auth)
      .send({ csv: 'email\ncat@example.org\nnot-an-address' })
      .expect(200)
      .expect((r) => expect(r.body.added).toBe(1));
    await request(h.http)
      .post(`/api/v1/clients/${h.clientA.id}/suppressions`)
      .set(auth)
      .send({ email: 'nope' })
      .expect(400)
      .expect((r) => expect(JSON.stringify(r.body)).toMatch(/email/));
    const other = await request(h.http)
      .get(`/api/v1/clients/${h.clientB.id}/suppressions`)
      .set(auth)
      .expect(200);
    expect(other.body.items).toEqual([]);
  }, 60_000);
});

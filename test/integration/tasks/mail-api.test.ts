/**
 * A promotional mailing through the HTTP API to a real SMTP server (smtp-server in-process):
 * created from a content item and a CSV, started in the background, per-recipient state
 * shown, and a second start sends nobody twice.
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
      { dataDir: mkdtempSync(join(tmpdir(), 'sitedesk-mailapi-')) },
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

describe('mailing over the API', () => {
  it('sends each recipient once, shows each state, and a second start sends nobody again', async () => {
    const auth = { Authorization: h.adminToken };
    await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        password: 'pw',
        settings: {
          id: 'bakery',
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
        title: 'Sale',
        slug: 'sale',
        markdown: 'Half price.',
      },
      { actor: 'test' },
    );
    const csv = ['email', ...Array.from({ length: 20 }, (_, i) => `p${i}@example.org`)].join('\n');
    const created = await request(h.http)
      .post(`/api/v1/clients/${h.clientA.id}/mailings`)
      .set(auth)
      .send({
        contentItemId: item.id,
        mailboxId: 'bakery',
        csv,
        pageUrl: 'https://a.example/sale',
        unsubscribeUrl: 'https://a.example/u?e={email}',
        intervalMs: 0,
      })
      .expect(201);
    expect(created.body.ghostNewsletter.available).toBe(false);
    const id = created.body.mailing.id as string;
    await request(h.http).post(`/api/v1/mailings/${id}/start`).set(auth).send({}).expect(202);
    const done = await until(
      async () => (await request(h.http).get(`/api/v1/mailings/${id}`).set(auth)).body,
      (b) => b.state === 'done',
      20_000,
    );
    expect(done.counts).toEqual({ sent: 20 });
    expect(done.recipients.every((r: { state: string }) => r.state === 'sent')).toBe(true);
    expect(smtp.messages).toHaveLength(20);

    await request(h.http).post(`/api/v1/mailings/${id}/start`).set(auth).send({}).expect(202);
    const again = await until(
      async () => (await request(h.http).get(`/api/v1/mailings/${id}`).set(auth)).body,
      (b) => b.state === 'done' && b.report?.alreadySent === 20,
      20_000,
    );
    expect(again.report.sent).toBe(0);
    expect(smtp.messages).toHaveLength(20);
  }, 40_000);
});

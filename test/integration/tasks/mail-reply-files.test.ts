/**
 * Files sent with a reply (issue 24), over the API of the real app with a real dovecot and a
 * real SMTP server: she uploads the files from the reply box, names them in the reply, and the
 * mail that arrives carries them with the same bytes and names, as does its copy in Sent. With
 * SMTP down the reply waits in the outbox naming the files by upload (not their bytes) and,
 * when SMTP is back, goes out exactly once with the same files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailDesk, type MailDesk } from '../../../src/tasks/mail/index.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type ReceivedMessage, type SmtpTestServer } from '../../env/mail/smtp.js';
import { createHarness, type Harness } from '../../unit/server/harness.js';
import { openAs, rawMessage } from '../mail/helpers.js';
import { until } from './until.js';

let h: Harness;
let imap: ImapServer;
let smtp: SmtpTestServer;
let mail: MailDesk | undefined;
const messages: ReceivedMessage[] = [];

beforeAll(async () => {
  [imap, smtp] = await Promise.all([startImapServer(), startSmtpServer({ messages })]);
  h = await createHarness(({ tasks, secrets, logger }) => {
    mail = createMailDesk(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'sitedesk-reply-files-')),
        intake: { healthIntervalMs: 2_000, pollIntervalMs: 300, backoffInitialMs: 100 },
        outbox: { retryInitialMs: 300, retryMaxMs: 600, intervalMs: 100 },
      },
      { tasks, secrets, logger },
    );
    return { mail };
  });
}, 60_000);
afterAll(async () => {
  await mail?.stop();
  await h?.close();
  await smtp?.stop();
  await imap?.dispose();
});

type TaskView = { id: string; title: string; details: { replies?: Record<string, unknown>[] } };

/** The files of a parsed mail as [name, type, bytes]. */
const filesOf = (parsed: ParsedMail) =>
  parsed.attachments.map((a) => [a.filename, a.contentType, a.content] as const);

describe('a reply with files', () => {
  it('arrives with the same bytes, and waits with them while SMTP is down, then goes once', async () => {
    const auth = { Authorization: h.adminToken };
    const user = imap.users[0]!;
    const login = { secure: false, starttls: 'never', user: user.user };
    await request(h.http)
      .post('/api/v1/mailboxes')
      .set(auth)
      .send({
        clientId: h.clientA.id,
        password: user.password,
        settings: {
          id: 'files-box',
          address: `${user.user}@example.test`,
          imap: { host: imap.host, port: imap.port, ...login },
          smtp: { host: '127.0.0.1', port: smtp.port, ...login },
        },
      })
      .expect(201);
    await mail!.start();
    await imap.deliver(user.user, rawMessage({ id: 'order-7@example.org', subject: 'Order 7' }));
    await imap.deliver(user.user, rawMessage({ id: 'order-8@example.org', subject: 'Order 8' }));
    const taskOf = async (title: string) =>
      (
        (await request(h.http).get('/api/v1/tasks?kind=mail').set(auth).expect(200)).body
          .items as TaskView[]
      ).find((t) => t.title === title);
    const first = (await until(() => taskOf('Order 7'), Boolean, 20_000, 'task 7'))!;
    const second = (await until(() => taskOf('Order 8'), Boolean, 20_000, 'task 8'))!;

    // Bytes that survive only if nothing re-encodes them: random, across base64 line ends.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300_000)]);
    const sheet = Buffer.from('Položka;Cena\nDort;450\n', 'utf8');
    const upload = await request(h.http)
      .post(`/api/v1/tasks/${first.id}/reply-files`)
      .set(auth)
      .attach('files', pdf, { filename: 'Nabídka ceny.pdf', contentType: 'application/pdf' })
      .attach('files', sheet, { filename: 'ceník.csv', contentType: 'text/csv' })
      .expect(201);
    const ids = (upload.body.items as { id: string }[]).map((i) => i.id);

    // Unknown or doubled ids are named; nothing is sent.
    const wrong = await request(h.http)
      .post(`/api/v1/tasks/${first.id}/reply`)
      .set(auth)
      .send({ text: 'Hi', attachments: [ids[0], ids[0], '01ARZ3NDEKTSV4RRFFQ69G5FAV'] })
      .expect(400);
    expect(wrong.body.error.details).toEqual([
      { path: 'attachments.1', message: 'names the same file twice' },
      { path: 'attachments.2', message: 'no uploaded file has this id' },
    ]);
    expect(messages).toHaveLength(0);

    const sent = await request(h.http)
      .post(`/api/v1/tasks/${first.id}/reply`)
      .set(auth)
      .send({ text: 'The offer and the price list are attached.', attachments: ids })
      .expect(200);
    expect(sent.body.state).toBe('sent');
    const arrived = await simpleParser(messages[0]!.raw);
    expect(filesOf(arrived)).toEqual([
      ['Nabídka ceny.pdf', 'application/pdf', pdf],
      ['ceník.csv', 'text/csv', sheet],
    ]);
    expect(arrived.text).toContain('The offer and the price list are attached.');
    const reply = (await taskOf('Order 7'))!.details.replies?.[0];
    expect(reply?.attachments).toEqual([
      { uploadId: ids[0], filename: 'Nabídka ceny.pdf', bytes: pdf.length },
      { uploadId: ids[1], filename: 'ceník.csv', bytes: sheet.length },
    ]);

    // SMTP down: the reply waits in the outbox, which names the file and does not hold its bytes.
    const [later] = (
      await request(h.http)
        .post(`/api/v1/tasks/${second.id}/reply-files`)
        .set(auth)
        .attach('files', pdf, { filename: 'offer.pdf', contentType: 'application/pdf' })
        .expect(201)
    ).body.items as { id: string }[];
    await smtp.stop();
    const waiting = await request(h.http)
      .post(`/api/v1/tasks/${second.id}/reply`)
      .set(auth)
      .send({ text: 'Here is the offer.', attachments: [later!.id] })
      .expect(202);
    expect(waiting.body.state).toBe('waiting');
    const row = await h.store.db
      .withTables<{ mail_outbox: { message_id: string; payload: string } }>()
      .selectFrom('mail_outbox')
      .select('payload')
      .where('message_id', '=', waiting.body.messageId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload).attachments).toEqual([
      {
        uploadId: later!.id,
        filename: 'offer.pdf',
        contentType: 'application/pdf',
        bytes: pdf.length,
      },
    ]);
    expect(row.payload.length).toBeLessThan(5_000);

    smtp = await startSmtpServer({ port: smtp.port, messages }); // back: no restart, no click
    await h.clock.advance(1_000);
    const done = await until(
      async () => (await taskOf('Order 8'))!.details.replies?.[0],
      (r) => r?.state === 'sent',
      20_000,
      'the waiting reply sent',
    );
    expect(done?.attachments).toEqual([
      { uploadId: later!.id, filename: 'offer.pdf', bytes: pdf.length },
    ]);
    await new Promise((r) => setTimeout(r, 1_000)); // room for a second copy to show
    const outs = messages.filter((m) => m.raw.includes(waiting.body.messageId));
    expect(outs).toHaveLength(1);
    expect(filesOf(await simpleParser(outs[0]!.raw))).toEqual([
      ['offer.pdf', 'application/pdf', pdf],
    ]);

    // One copy of each reply in Sent, each with its files.
    const viewer = await openAs(imap, user);
    try {
      await viewer.mailboxOpen('Sent');
      const copies: ParsedMail[] = [];
      for await (const m of viewer.fetch('1:*', { source: true }))
        copies.push(await simpleParser(m.source!));
      expect(copies.map((c) => c.attachments.map((a) => a.filename))).toEqual([
        ['Nabídka ceny.pdf', 'ceník.csv'],
        ['offer.pdf'],
      ]);
      expect(Buffer.compare(copies[1]!.attachments[0]!.content, pdf)).toBe(0);
    } finally {
      await viewer.logout();
    }
  }, 120_000);
});

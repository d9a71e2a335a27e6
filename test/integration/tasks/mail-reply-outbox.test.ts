/**
 * A reply sent while SMTP is down (issue 24), over the API of the real app with a real dovecot
 * and a real SMTP server: the API answers 202 with a sentence, the task says the reply waits
 * and why, "send again now" queues it, and when SMTP is back (no restart, no click needed) it
 * goes out exactly once, with one copy in the mailbox's Sent folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
        dataDir: mkdtempSync(join(tmpdir(), 'sitedesk-reply-outbox-')),
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

describe('a reply while the outgoing server is down', () => {
  it('answers 202, waits on the task with its cause, and goes out once with one Sent copy when SMTP is back', async () => {
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
          id: 'reply-box',
          address: `${user.user}@example.test`,
          imap: { host: imap.host, port: imap.port, ...login },
          smtp: { host: '127.0.0.1', port: smtp.port, ...login },
        },
      })
      .expect(201);
    await mail!.start();
    await imap.deliver(user.user, rawMessage({ id: 'order-7@example.org', subject: 'Order 7' }));
    const taskOf = async () =>
      (await request(h.http).get('/api/v1/tasks?kind=mail').set(auth).expect(200)).body.items.find(
        (t: { title: string }) => t.title === 'Order 7',
      ) as { id: string; details: { replies?: Record<string, unknown>[] } } | undefined;
    const task = (await until(taskOf, (t) => t !== undefined, 20_000, 'the mail task'))!;

    await smtp.stop();
    const answer = await request(h.http)
      .post(`/api/v1/tasks/${task.id}/reply`)
      .set(auth)
      .send({ text: 'Thank you, it is ready on Friday.' })
      .expect(202);
    expect(answer.body.message).toMatch(
      /^The mail server does not answer \(.+\)\. The reply is kept and will be sent by itself when the server answers again/,
    );
    expect(answer.body).toMatchObject({ state: 'waiting', to: ['customer@example.org'] });
    const waiting = (await taskOf())!.details.replies?.[0];
    expect(waiting).toMatchObject({ state: 'waiting', messageId: answer.body.messageId });
    expect(String(waiting?.detail)).toMatch(/ECONNREFUSED|connect/i);
    expect(waiting?.next).toBeDefined();

    // "Send again now" while it is still down: queued, tried, still waiting — nothing lost.
    await request(h.http).post(`/api/v1/tasks/${task.id}/reply-again`).set(auth).expect(200);
    await until(
      async () => (await taskOf())!.details.replies?.[0]?.attempts,
      (n) => Number(n) >= 2,
      10_000,
      'the second try',
    );
    expect(messages).toHaveLength(0);

    smtp = await startSmtpServer({ port: smtp.port, messages }); // back: no restart, no click
    // The harness's clock is fake: the backoff (at most 600 ms here) passes when it is moved.
    await h.clock.advance(1_000);
    const sent = await until(
      async () => (await taskOf())!.details.replies?.[0],
      (r) => r?.state === 'sent',
      20_000,
      'the reply sent',
    );
    expect(sent?.sentCopy).toMatch(/^saved to/);
    expect(sent?.detail).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1_000)); // room for a second copy to show
    const replies = messages.filter((m) => m.to.includes('customer@example.org'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.raw).toMatch(new RegExp(`^Message-ID: <?${answer.body.messageId}`, 'm'));
    expect(replies[0]!.raw).toMatch(/In-Reply-To: <order-7@example\.org>/);
    const viewer = await openAs(imap, user);
    try {
      const box = await viewer.mailboxOpen('Sent');
      expect(box.exists).toBe(1);
    } finally {
      await viewer.logout();
    }
    expect((await taskOf())!.details.replies).toHaveLength(1);
    await request(h.http).post(`/api/v1/tasks/${task.id}/reply-again`).set(auth).expect(409);
  }, 90_000);
});

/**
 * Bounces feed the suppression list (issue 24), against a real dovecot and a real SMTP server:
 * a mailing goes out; delivery reports (RFC 3464, multipart/report; report-type=delivery-status)
 * are delivered to the client's mailbox. A permanent failure (5.x.x) of an address the mailing
 * reached puts it on the client's list as "bounced" and makes no task; a delay (4.x.x) changes
 * nothing; a report about an address no mailing reached is a normal mail task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailDesk } from '../../../src/tasks/mail/index.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { dataFolder, mailboxSettings, openSide } from './mail-setup.js';
import { until } from './until.js';

let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  [imap, smtp] = await Promise.all([startImapServer(), startSmtpServer()]);
});
afterAll(async () => {
  await smtp?.stop();
  await imap?.dispose();
});

/** A delivery report as Postfix writes it, about `recipient` with `status` and `action`. */
function dsn(to: string, id: string, recipient: string, status: string, action: string): string {
  return [
    'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
    `To: ${to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <${id}@mx.example.org>`,
    'Date: Sat, 05 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="B0UND"',
    '',
    '--B0UND',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `I'm sorry to have to inform you that your message could not be delivered.`,
    '',
    '--B0UND',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    'Arrival-Date: Sat, 05 Dec 2026 09:59:58 +0000',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822;${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} <${recipient}>: Recipient address rejected`,
    '',
    '--B0UND',
    'Content-Type: text/rfc822-headers',
    '',
    'Subject: Saturday cakes',
    '',
    '--B0UND--',
    '',
  ].join('\r\n');
}

describe('bounces', () => {
  it('a permanent failure of a mailing address suppresses it quietly; others stay mail', async () => {
    const user = imap.users[0]!;
    const address = `${user.user}@example.test`;
    const { dir, secrets } = dataFolder();
    const settings = mailboxSettings(imap, smtp.port, user, 'bounce-box');
    await secrets.set(`mailbox:${settings.id}`, user.password);
    const side = await openSide(dir, secrets);
    const client = await side.tasks.createClient(
      { name: 'Bakery', timezone: 'Europe/Prague' },
      { actor: 'test' },
    );
    await addMailbox(side.tasks.deps, { clientId: client.id, settings, startFrom: 'new' });
    const desk = createMailDesk(
      {
        dataDir: dir,
        intake: { healthIntervalMs: 2_000, pollIntervalMs: 300, backoffInitialMs: 100 },
      },
      { tasks: side.tasks, secrets, logger: createSilentLogger() },
    );
    const { mailing } = await desk.createMailing(
      client.id,
      {
        subject: 'Saturday cakes',
        markdown: 'Fresh every Saturday.',
        mailboxId: settings.id,
        csv: 'gone@customers.example\nlate@customers.example',
        unsubscribeUrl: 'https://bakery.example/u?e={email}',
        intervalMs: 0,
      },
      undefined,
      { actor: 'test' },
    );
    await (
      await desk.startMailing(mailing.id)
    ).done;
    expect((await desk.getMailing(mailing.id)).counts).toEqual({ sent: 2 });
    await desk.start();
    await until(
      async () => (await desk.health())[0]?.state,
      (s) => s === 'healthy',
      20_000,
      'the intake reading',
    );

    await imap.deliver(user.user, dsn(address, 'b1', 'gone@customers.example', '5.1.1', 'failed'));
    await imap.deliver(user.user, dsn(address, 'b2', 'late@customers.example', '4.4.1', 'delayed'));
    await imap.deliver(
      user.user,
      dsn(address, 'b3', 'friend@elsewhere.example', '5.1.1', 'failed'),
    );
    // The third report is about an address no mailing reached: a task she reads.
    const tasks = await until(
      async () => (await side.tasks.listTasks({ kind: ['mail'], limit: 50 })).items,
      (items) => items.length >= 2,
      30_000,
      'the reports that stay mail',
    );
    await new Promise((r) => setTimeout(r, 1_000)); // room for a wrong extra task to show
    const titles = (await side.tasks.listTasks({ kind: ['mail'], limit: 50 })).items.map(
      (t) => t.title,
    );
    expect(titles).toHaveLength(2); // b2 (a delay) and b3 (not from a mailing); b1 made none
    expect(tasks.every((t) => t.title === 'Undelivered Mail Returned to Sender')).toBe(true);

    const list = await desk.listSuppressions(client.id);
    expect(list).toEqual([
      expect.objectContaining({
        email: 'gone@customers.example',
        reason: 'bounced',
        mailingId: mailing.id,
      }),
    ]);
    // The next mailing skips it and says so.
    const next = await desk.createMailing(
      client.id,
      {
        subject: 'Sunday bread',
        markdown: 'Also on Sunday.',
        mailboxId: settings.id,
        csv: 'gone@customers.example\nlate@customers.example',
        unsubscribeUrl: 'https://bakery.example/u?e={email}',
      },
      undefined,
      { actor: 'test' },
    );
    expect(next.suppressed).toBe(1);
    await desk.stop();
    await side.close();
  }, 90_000);
});

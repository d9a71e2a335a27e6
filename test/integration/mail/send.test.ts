/**
 * Sending against real servers: a reply threads (In-Reply-To, References, Re:) and its copy
 * is in the Sent folder over IMAP; urgent mail taken by the intake is forwarded and arrives
 * at the SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailIntake, type IncomingMail } from '../../../src/connectors/mail/intake.js';
import { createMailSender } from '../../../src/connectors/mail/sender.js';
import { composeReply } from '../../../src/connectors/mail/reply.js';
import { composeUrgentForward } from '../../../src/connectors/mail/forward.js';
import { judgeUrgency, parseClientMailRules } from '../../../src/connectors/mail/rules.js';
import { parseMail } from '../../../src/connectors/mail/parse.js';
import { composeDailyDigest, parseDigestSettings } from '../../../src/connectors/calls/digest.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { mailboxFor, memoryCheckpoints, openAs, rawMessage, waitFor } from './helpers.js';

let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  [imap, smtp] = await Promise.all([startImapServer(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([imap?.dispose(), smtp?.stop()]);
});

const deps = { logger: createSilentLogger(), clock: systemClock };

describe('sending from a mailbox (dovecot + smtp-server)', () => {
  it('sends a reply with threading headers and saves the same message to Sent', async () => {
    const { settings, secrets } = mailboxFor(imap, smtp.port);
    const parent = await parseMail(
      rawMessage({
        id: 'q2@customer.example',
        subject: 'Re: opening hours',
        from: 'Jana <jana@customer.example>',
        inReplyTo: 'q1@bakery.example',
        references: ['q0@customer.example', 'q1@bakery.example'],
      }),
    );
    const sender = createMailSender(settings, { secrets, ...deps });
    const reply = composeReply(parent, {
      from: { address: settings.address, name: 'Bakery' },
      text: 'We open at 7.',
    });
    const result = await sender.send(reply);
    sender.close();

    expect(result.accepted).toEqual(['jana@customer.example']);
    expect(result.sentCopy).toEqual({ state: 'saved', folder: 'Sent' });
    const arrived = smtp.messages.find((m) => m.raw.includes(result.messageId));
    expect(arrived?.to).toEqual(['jana@customer.example']);
    const onWire = await simpleParser(arrived!.raw);
    expect(onWire.subject).toBe('Re: opening hours');
    expect(onWire.inReplyTo).toBe('<q2@customer.example>');
    expect(onWire.references).toEqual([
      '<q0@customer.example>',
      '<q1@bakery.example>',
      '<q2@customer.example>',
    ]);

    const client = await openAs(imap);
    try {
      await client.mailboxOpen('Sent');
      const copy = await client.fetchOne('*', { source: true, flags: true });
      expect(copy && copy.flags?.has('\\Seen')).toBe(true);
      const saved = await parseMail(copy ? copy.source! : '');
      expect(saved.messageId).toBe(result.messageId);
      expect(saved.inReplyTo).toBe('q2@customer.example');
      expect(saved.threadKey).toBe('q0@customer.example');
    } finally {
      await client.logout();
    }
  });

  it('forwards urgent mail to the client at once; other mail waits', async () => {
    const { settings, secrets } = mailboxFor(imap, smtp.port, imap.users[1]);
    const rules = parseClientMailRules({
      urgent: [
        { name: 'water', words: ['havárie', 'water leak'] },
        { name: 'landlord', senders: ['@landlord.example'], where: 'subject', words: ['urgent'] },
      ],
      forwardUrgentTo: 'owner@bakery.example',
    });
    const sender = createMailSender(settings, { secrets, ...deps });
    const forwarded: string[] = [];
    const intake = createMailIntake(
      settings,
      { healthIntervalMs: 2_000, backoffInitialMs: 100 },
      {
        secrets,
        ...deps,
        checkpoints: memoryCheckpoints(),
        onMessage: async (mail: IncomingMail) => {
          const verdict = judgeUrgency(rules, mail);
          if (!verdict.urgent || !rules.forwardUrgentTo) return;
          const forward = composeUrgentForward(mail, {
            from: { address: settings.address, name: 'Bakery (via secretary)' },
            to: { address: rules.forwardUrgentTo, name: '' },
            reasons: verdict.reasons,
          });
          await sender.send(forward, { saveToSent: false });
          forwarded.push(mail.messageId ?? '');
        },
      },
    );
    const user = imap.users[1]!.user;
    await imap.deliver(
      user,
      rawMessage({
        id: 'u1@x.example',
        subject: 'Havarie in the cellar',
        body: 'Water everywhere.',
      }),
    );
    await imap.deliver(
      user,
      rawMessage({ id: 'n1@x.example', subject: 'Bread order', body: 'Two loaves.' }),
    );
    await imap.deliver(
      user,
      rawMessage({
        id: 'u2@x.example',
        subject: 'URGENT: rent',
        from: 'rent@office.landlord.example',
      }),
    );
    intake.start();
    await waitFor(() => forwarded.length >= 2, 10_000, 'two forwards');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await intake.stop();
    sender.close();

    expect(forwarded).toEqual(['u1@x.example', 'u2@x.example']);
    const atServer = smtp.messages.filter((m) => m.to.includes('owner@bakery.example'));
    expect(atServer).toHaveLength(2);
    const first = await simpleParser(atServer[0]!.raw);
    expect(first.subject).toBe('[Urgent] Fwd: Havarie in the cellar');
    expect(first.text).toContain('rule "water": the word "havárie" in the message');
    expect(first.replyTo?.value[0]?.address).toBe('customer@example.org');
    const original = first.attachments.find((a) => a.contentType === 'message/rfc822');
    expect(original?.content.toString()).toContain('Message-ID: <u1@x.example>');
  });

  it('sends the daily call digest (UTF-8 subject and body) through SMTP', async () => {
    const { settings, secrets } = mailboxFor(imap, smtp.port);
    const digestSettings = parseDigestSettings({ timezone: 'Europe/Prague', time: '18:00' });
    const mail = composeDailyDigest(
      digestSettings,
      {
        clientName: 'Pekárna Nováková',
        from: { address: settings.address, name: 'Sekretariát' },
        to: { address: 'majitelka@pekarna.example', name: 'Jana Nováková' },
      },
      { from: Date.parse('2026-05-03T16:00:00Z'), to: Date.parse('2026-05-04T16:00:00Z') },
      [
        {
          at: Date.parse('2026-05-04T07:05:00Z'),
          number: '+420 602 1',
          callerName: 'Dodavatel mouky',
          message: 'Zítra přivezou mouku.',
          callbackWanted: true,
        },
      ],
    );
    const sender = createMailSender(settings, { secrets, ...deps });
    const result = await sender.send(mail!, { saveToSent: false });
    sender.close();
    const arrived = smtp.messages.find((m) => m.raw.includes(result.messageId))!;
    expect(arrived.to).toEqual(['majitelka@pekarna.example']);
    const parsed = await simpleParser(arrived.raw);
    expect(parsed.subject).toBe('Call messages for Pekárna Nováková — Mon 4 May 2026 (1 message)');
    expect(parsed.text).toContain(
      '09:05  Dodavatel mouky (+420 602 1) — wants a call back\n    Zítra přivezou mouku.',
    );
  });
});

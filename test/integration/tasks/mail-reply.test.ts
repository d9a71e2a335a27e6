/**
 * A reply written in Markdown (issue 15) against the real dovecot and SMTP server: the mail that
 * arrives has an HTML part (rendered and sanitised as for the sites) and a plain-text
 * alternative, both with the client's signature and the original quoted with its date in the
 * client's time zone and language; nothing scriptable survives, from her text or the original.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailIntakeService } from '../../../src/tasks/mail/intake-service.js';
import { addMailbox } from '../../../src/tasks/mail/mailboxes.js';
import { createMailOutbox } from '../../../src/tasks/mail/outbox.js';
import { replyFromTask } from '../../../src/tasks/mail/reply.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { rawMessage } from '../mail/helpers.js';
import { dataFolder, mailboxSettings, openSide } from './mail-setup.js';
import { until } from './until.js';

const who = { actor: 'test' };
let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  imap = await startImapServer();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.stop();
  await imap?.dispose();
});

describe('a formatted reply', () => {
  it('arrives as HTML and plain text with signature and a quote in the client’s zone', async () => {
    const user = imap.users[0]!;
    const { dir, secrets } = dataFolder();
    const settings = mailboxSettings(imap, smtp.port, user);
    await secrets.set(`mailbox:${settings.id}`, user.password);
    const side = await openSide(dir, secrets);
    try {
      const client = await side.tasks.createClient(
        {
          name: 'Pekárna',
          timezone: 'Europe/Prague',
          languages: ['cs'],
          contact: { signature: 'Pekárna Nováková\nHlavní 1, Brno <tel. 123>' },
        },
        who,
      );
      await addMailbox(side.tasks.deps, { clientId: client.id, settings });
      // Sent at 08:00 UTC on 28 Nov: 09:00 in Prague. Its body tries to smuggle a script in.
      await imap.deliver(
        user.user,
        rawMessage({
          id: 'cake@example.org',
          subject: 'Dort',
          body: 'Máte dort na sobotu? <script>alert("quote")</script>',
        }),
      );
      const service = createMailIntakeService(side.ctx, { pollIntervalMs: 300 });
      await service.sync();
      const [task] = await until(
        async () => (await side.tasks.listTasks({ kind: ['mail'], limit: 10 })).items,
        (items) => items.length === 1,
        15_000,
      );
      await service.stop();

      const markdown = [
        'Dobrý den, dort bude **hotový v sobotu** v 9.',
        '',
        'Menu je [na webu](https://pekarna.example/menu).',
        '',
        '<script>alert("reply")</script><img src="x" onerror="alert(1)">',
      ].join('\n');
      // The reply goes through the mail outbox, tried at once by this (never started) worker.
      const outbox = createMailOutbox(side.ctx);
      const outcome = await replyFromTask(side.ctx, outbox, task!.id, { text: markdown }, who);
      expect(outcome.state).toBe('sent');
      const arrived = smtp.messages.find((m) => m.raw.includes(outcome.messageId));
      expect(arrived?.to).toEqual(['customer@example.org']);
      const mail = await simpleParser(arrived!.raw);

      const html = String(mail.html);
      expect(html).toContain('<strong>hotový v sobotu</strong>');
      expect(html).toContain('<a href="https://pekarna.example/menu">na webu</a>');
      expect(html).not.toMatch(/<script|onerror|alert\(1\)/i);
      expect(html).toContain('Hlavní 1, Brno &lt;tel. 123&gt;');
      expect(html).toMatch(
        /Dne [^<]*09:00[^<]* napsal\(a\) Customer &lt;customer@example\.org&gt;:/,
      );
      expect(html).toContain('<blockquote type="cite"');
      expect(html).toContain('Máte dort na sobotu? &lt;script&gt;');

      const text = mail.text ?? '';
      expect(text).toContain('Dobrý den, dort bude hotový v sobotu v 9.');
      expect(text).toContain('Menu je na webu (https://pekarna.example/menu).');
      expect(text).not.toContain('**');
      expect(text).toContain('-- \nPekárna Nováková\nHlavní 1, Brno <tel. 123>');
      expect(text).toMatch(
        /Dne .*09:00.* napsal\(a\) Customer <customer@example\.org>:\n> Máte dort/,
      );
      expect(text).not.toMatch(/08:00/);
      // Her words first, then the signature, then the quote — in both parts.
      expect(text.indexOf('v 9.')).toBeLessThan(text.indexOf('-- \n'));
      expect(text.indexOf('-- \n')).toBeLessThan(text.indexOf('Dne '));
      expect(html.indexOf('Hlavní 1')).toBeLessThan(html.indexOf('<blockquote'));
    } finally {
      await side.close();
    }
  }, 60_000);
});

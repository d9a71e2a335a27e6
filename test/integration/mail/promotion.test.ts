/**
 * A promotional mailing of 500 recipients through a real SMTP server: aborted mid-way and
 * resumed, every address arrives exactly once; the message has both parts, the inline image,
 * the page link and the unsubscribe headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createMailSender } from '../../../src/connectors/mail/sender.js';
import { compilePromotion } from '../../../src/connectors/mail/promotion-mail.js';
import { parseRecipientsCsv } from '../../../src/connectors/mail/recipients-csv.js';
import {
  runMailing,
  type RecipientRecord,
  type RecipientStateStore,
} from '../../../src/connectors/mail/bulk-send.js';
import { startImapServer, type ImapServer } from '../../env/mail/dovecot.js';
import { startSmtpServer, type SmtpTestServer } from '../../env/mail/smtp.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { mailboxFor } from './helpers.js';

let imap: ImapServer;
let smtp: SmtpTestServer;
beforeAll(async () => {
  [imap, smtp] = await Promise.all([startImapServer(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([imap?.dispose(), smtp?.stop()]);
});

// 1x1 PNG
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

function memoryState(): RecipientStateStore & { records: Map<string, RecipientRecord> } {
  const records = new Map<string, RecipientRecord>();
  return {
    records,
    load: async () => new Map(records),
    mark: async (email, record) => void records.set(email, record),
  };
}

describe('promotional mailing (smtp-server)', () => {
  it('sends 500 recipients exactly once across an abort and a resume', async () => {
    const lines = ['Name;E-mail'];
    for (let i = 1; i <= 500; i++) lines.push(`Customer ${i};customer${i}@shop.example`);
    lines.push('Again;Customer7@shop.example', 'Broken;not-an-address', 'Nobody;');
    const list = parseRecipientsCsv(`\uFEFF${lines.join('\r\n')}\r\n`);
    expect(list.recipients).toHaveLength(500);
    expect(list.problems.map((p) => [p.line, p.problem])).toEqual([
      [502, 'duplicate'],
      [503, 'invalid'],
      [504, 'missing'],
    ]);

    const { settings, secrets } = mailboxFor(imap, smtp.port);
    const promotion = compilePromotion(
      {
        title: 'Easter bread — 20 % off',
        markdown:
          'Fresh **Easter bread** all week.\n\n![Our bread](bread.png)\n\nSee [the menu](https://bakery.example/menu).',
        images: [{ filename: 'bread.png', contentType: 'image/png', data: PIXEL }],
        pageUrl: 'https://bakery.example/easter',
        language: 'en',
      },
      {
        from: { address: settings.address, name: 'Bakery' },
        images: 'inline',
        unsubscribeUrl: (email) =>
          `https://bakery.example/unsubscribe?e=${encodeURIComponent(email)}`,
        unsubscribeMailto: 'unsubscribe@bakery.example',
      },
    );
    expect(promotion.problems).toEqual([]);

    const sender = createMailSender(settings, {
      secrets,
      logger: createSilentLogger(),
      clock: systemClock,
    });
    const state = memoryState();
    const abort = new AbortController();
    let sentThisRun = 0;
    const deps = {
      state,
      compose: promotion.forRecipient,
      clock: systemClock,
      logger: createSilentLogger(),
      send: async (mail: Parameters<typeof sender.send>[0]) => {
        const result = await sender.send(mail, { saveToSent: false });
        if (++sentThisRun === 200) abort.abort();
        return result;
      },
    };
    const first = await runMailing(list.recipients, deps, { intervalMs: 0, signal: abort.signal });
    expect(first).toMatchObject({
      sent: 200,
      aborted: true,
      remaining: 300,
      unknown: [],
      failed: [],
    });
    expect(smtp.messages).toHaveLength(200);

    const second = await runMailing(list.recipients, deps, { intervalMs: 0 });
    sender.close();
    expect(second).toMatchObject({
      sent: 300,
      alreadySent: 200,
      aborted: false,
      remaining: 0,
      unknown: [],
    });

    const arrived = smtp.messages.flatMap((m) => m.to);
    expect(arrived).toHaveLength(500);
    expect(new Set(arrived)).toEqual(new Set(list.recipients.map((r) => r.email)));
    expect(arrived).not.toContain('not-an-address');

    const one = smtp.messages.find((m) => m.to[0] === 'customer42@shop.example')!;
    const parsed = await simpleParser(one.raw, { keepCidLinks: true });
    const header = (key: string): string | undefined =>
      parsed.headerLines
        .find((h) => h.key === key)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toBe(
      '<https://bakery.example/unsubscribe?e=customer42%40shop.example>, <mailto:unsubscribe@bakery.example?subject=unsubscribe>',
    );
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(parsed.html).toContain('src="cid:img1@sitedesk"');
    expect(parsed.html).toContain('href="https://bakery.example/easter"');
    expect(parsed.text).toContain('See it on our website: https://bakery.example/easter');
    expect(parsed.text).toContain('the menu (https://bakery.example/menu)');
    expect(parsed.attachments.map((a) => [a.contentId, a.contentType, a.size])).toEqual([
      ['<img1@sitedesk>', 'image/png', PIXEL.length],
    ]);
  });

  it('skips a refused address and goes on; a refused login stops the mailing for a later resume', async () => {
    const strict = await startSmtpServer({ users: imap.users, refuse: ['gone@shop.example'] });
    try {
      const list = ['a@shop.example', 'gone@shop.example', 'b@shop.example'].map((email) => ({
        email,
      }));
      const compose = (r: { email: string }) => ({
        from: { address: 'alice@example.test', name: '' },
        to: [{ address: r.email, name: '' }],
        subject: 'Sale',
        text: 'Sale!',
      });
      const { settings, secrets } = mailboxFor(imap, strict.port);
      const wrong = createMemorySecretStore({ [`mailbox:${settings.id}`]: 'not-the-password' });
      const state = memoryState();
      const run = async (store: typeof secrets) => {
        const sender = createMailSender(settings, {
          secrets: store,
          logger: createSilentLogger(),
          clock: systemClock,
        });
        try {
          return await runMailing(
            list,
            {
              state,
              compose,
              clock: systemClock,
              logger: createSilentLogger(),
              send: (mail) => sender.send(mail, { saveToSent: false }),
            },
            { intervalMs: 0 },
          );
        } finally {
          sender.close();
        }
      };
      const refused = await run(wrong);
      expect(refused.sent).toBe(0);
      expect(refused.remaining).toBe(2);
      expect(refused.stoppedBecause).toContain('login refused');
      expect(strict.messages).toHaveLength(0);

      const fixed = await run(secrets);
      expect(fixed).toMatchObject({ sent: 2, remaining: 0 });
      expect(fixed.failed).toEqual([
        { email: 'gone@shop.example', reason: expect.stringContaining('550'), retryable: false },
      ]);
      expect(strict.messages.flatMap((m) => m.to)).toEqual(['a@shop.example', 'b@shop.example']);
    } finally {
      await strict.stop();
    }
  });
});

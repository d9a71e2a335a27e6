// Mail subjects and headers are plain text (issue 16): a subject, a display name or a header
// value carrying CR/LF (a subject taken from an incoming mail, a client's name) can add no
// header and no recipient, and non-ASCII text goes out RFC 2047-encoded. The real composer
// (nodemailer's MailComposer through buildRaw) and the real parser (mailparser) are used.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildRaw } from '../../../../src/connectors/mail/outgoing.js';

const INJECT = '\r\nBcc: evil@attacker.example\r\n';

describe('outgoing headers', () => {
  it('a CR/LF in the subject, a name, a header or a reference adds no header or recipient', async () => {
    const { raw } = await buildRaw(
      {
        from: { name: `Jana${INJECT}`, address: 'jana@bakery.example' },
        to: [{ name: `Klient${INJECT}`, address: 'klient@bakery.example' }],
        subject: `Otevírací doba${INJECT}\r\nThe body starts here?`,
        text: 'Dobrý den',
        headers: { 'X-Sitedesk-Test': `value${INJECT}` },
        inReplyTo: `root@bakery.example${INJECT}`,
      },
      new Date(0),
    );
    const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    const lines = head.split('\r\n');
    expect(lines.filter((l) => /^bcc:/i.test(l))).toEqual([]);
    expect(head).not.toContain('attacker.example>');
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.to && 'value' in parsed.to ? parsed.to.value.map((a) => a.address) : []).toEqual([
      'klient@bakery.example',
    ]);
    expect(parsed.text?.trim()).toBe('Dobrý den');
    // The subject reads as one line of text: what was typed, the breaks made spaces.
    expect(parsed.subject).not.toMatch(/[\r\n]/);
    expect(parsed.subject).toContain('Otevírací doba');
  });

  it('writes a non-ASCII subject as RFC 2047 encoded words, read back as typed', async () => {
    const subject = 'Příliš žluťoučký kůň — týdenní speciality';
    const { raw } = await buildRaw(
      {
        from: { name: 'Pekárna U Jany', address: 'jana@bakery.example' },
        to: [{ name: '', address: 'klient@bakery.example' }],
        subject,
        text: 'x',
      },
      new Date(0),
    );
    const head = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect([...head].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    expect((await simpleParser(raw)).subject).toBe(subject);
  });
});

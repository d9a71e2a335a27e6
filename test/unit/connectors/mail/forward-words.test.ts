/**
 * The urgent forward is the client's to read (issue 24): a Czech bakery gets it in Czech — the
 * lead-in, why it is urgent (her rule's name and word as she wrote them), the forwarded
 * message's header and its time in the client's zone — and an English client as before.
 */
import { describe, expect, it } from 'vitest';
import { composeUrgentForward } from '../../../../src/connectors/mail/forward.js';
import { parseMail } from '../../../../src/connectors/mail/parse.js';
import { clientMailRulesSchema, judgeUrgency } from '../../../../src/connectors/mail/rules.js';

const RAW =
  'From: Soused <soused@example.org>\r\n' +
  'To: pekarna@example.test\r\n' +
  'Subject: U vás teče voda!\r\n' +
  'Date: Thu, 03 Dec 2026 06:40:00 +0000\r\n' +
  'Message-ID: <leak-1@example.org>\r\n' +
  'Content-Type: text/plain; charset=utf-8\r\n' +
  '\r\n' +
  'Dobrý den, ze dveří pekárny teče voda na chodník.\r\n';

async function forward(language?: string) {
  const mail = await parseMail(RAW);
  const rules = clientMailRulesSchema.parse({ urgent: [{ name: 'voda', words: ['teče voda'] }] });
  return composeUrgentForward(
    { ...mail, raw: Buffer.from(RAW) },
    {
      from: { address: 'pekarna@example.test', name: '' },
      to: { address: 'majitelka@pekarna.example', name: '' },
      reasons: judgeUrgency(rules, mail).reasons,
      ...(language ? { language } : {}),
      timeZone: 'Europe/Prague',
    },
  );
}

describe('the urgent forward in the client’s language', () => {
  it('is Czech for a Czech client, with no English line', async () => {
    const mail = await forward('cs');
    expect(mail.subject).toBe('[Naléhavé] Fwd: U vás teče voda!');
    expect(mail.text).toContain('sitedesk tuto zprávu přeposílá hned, protože vypadá naléhavě:');
    expect(mail.text).toContain('  - pravidlo „voda“: slova „teče voda“ ve zprávě');
    expect(mail.text).toContain('---------- Přeposlaná zpráva ----------');
    expect(mail.text).toContain('Od: Soused <soused@example.org>');
    // 06:40 UTC is 07:40 in Prague.
    expect(mail.text).toMatch(/Datum: čtvrtek 3\. prosince 2026 v 7:40 \(Europe\/Prague\)/);
    expect(mail.text).not.toMatch(/Forwarded|rule "|the word|Subject:|From:/);
  });

  it('stays English for an English client', async () => {
    const mail = await forward('en');
    expect(mail.subject).toBe('[Urgent] Fwd: U vás teče voda!');
    expect(mail.text).toContain('Forwarded at once by sitedesk because it looks urgent:');
    expect(mail.text).toContain('  - rule "voda": the word "teče voda" in the message');
    expect(mail.text).toMatch(/Date: Thursday,? 3 December 2026,? at 07:40 \(Europe\/Prague\)/);
    expect((await forward()).subject).toBe('[Urgent] Fwd: U vás teče voda!');
  });
});

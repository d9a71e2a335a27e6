/**
 * A call message that did not reach the client, on her screen (issue 24): the mail server's
 * answer (as nodemailer gives it) is said as its cause and what she can do, in English and in
 * Czech; the answer itself is only the folded detail, never in the sentences.
 */
import { describe, expect, it } from 'vitest';
import { deliveryReason, deliveryWords } from '../../../src/ui/src/parts/call-delivery.js';
import { cs as csCatalog } from '../../../src/ui/src/i18n/cs.js';
import { en as enCatalog, type MessageKey } from '../../../src/ui/src/i18n/en.js';

// The app's translator (i18n.ts needs preact and the DOM types).
const translator =
  (catalog: Record<MessageKey, string>) =>
  (key: MessageKey, values?: Record<string, string | number>): string =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))
      : catalog[key];
const en = translator(enCatalog);
const cs = translator(csCatalog);
const at = (iso: string) => `[${iso}]`;

// Answers as the mail layer stores them (messageOf(error) of nodemailer's errors).
const DOWN = 'connect ECONNREFUSED 127.0.0.1:2525';
const LOGIN = 'Invalid login: 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6';
const REFUSED =
  "Can't send mail - all recipients were rejected: 550 5.1.1 <x@y.example>: user unknown";
const ODD = 'Unexpected socket close';

describe('a call message that did not reach the client, in her words', () => {
  it('says an at-once message waits and why, what to do, and keeps the answer folded', () => {
    const d = { state: 'waiting', how: 'at-once', detail: DOWN };
    const words = deliveryWords(d, en, at)!;
    expect(words.line).toBe(
      'The message has not reached the client yet: the outgoing mail server does not answer. sitedesk tries again by itself every minute.',
    );
    expect(words.advice).toEqual([
      'On Clients and sites, test the client’s mailbox (the Test button). If the mail server is down, wait for it or ask whoever runs it.',
    ]);
    expect(words.failure).toBe(true);
    expect(words.detail).toBe(DOWN);
    const czech = deliveryWords(d, cs, at)!;
    expect(czech.line).toBe(
      'Vzkaz se ke klientovi zatím nedostal: server odchozí pošty neodpovídá. sitedesk to sám zkouší znovu každou minutu.',
    );
    expect(czech.advice[0]).toMatch(/^Na obrazovce Klienti a weby vyzkoušejte klientovu schránku/);
  });

  it('says a failed digest is not sent again, to pass the message on, and the cause’s remedy', () => {
    const d = { state: 'failed', how: 'digest', detail: LOGIN, at: '2026-05-04T16:00:00Z' };
    const words = deliveryWords(d, en, at)!;
    expect(words.line).toBe(
      'The daily summary with this message could not be sent to the client: the outgoing mail server refused the login name or the password. It is not sent again by itself.',
    );
    expect(words.advice).toEqual([
      'Pass the message on to the client another way: call or write to them.',
      'On Clients and sites, save the mailbox’s current password (Change under Mailboxes), then test it.',
    ]);
    const czech = deliveryWords(d, cs, at)!;
    expect(czech.line).toBe(
      'Denní souhrn s tímto vzkazem se klientovi nepodařilo odeslat: server odchozí pošty odmítl přihlašovací jméno nebo heslo. Sám se už znovu neodešle.',
    );
    expect(czech.advice).toEqual([
      'Předejte klientovi vzkaz jinak: zavolejte mu nebo mu napište.',
      'Na obrazovce Klienti a weby uložte schránce platné heslo (Změnit u Poštovních schránek) a pak ji vyzkoušejte.',
    ]);
  });

  it('never puts the server’s answer into a sentence, whatever the cause', () => {
    for (const detail of [DOWN, LOGIN, REFUSED, ODD])
      for (const [state, how] of [
        ['waiting', 'at-once'],
        ['failed', 'digest'],
        ['failed', 'at-once'],
      ] as const)
        for (const t of [en, cs]) {
          const words = deliveryWords({ state, how, detail }, t, at)!;
          const said = [words.line, ...words.advice].join(' ');
          expect(said).not.toMatch(/ECONNREFUSED|535|550|socket|127\.0\.0\.1|\{|\}/);
          expect(words.detail).toBe(detail);
          expect(words.advice.length).toBeGreaterThan(0);
        }
    expect(
      deliveryWords({ state: 'failed', how: 'digest', detail: REFUSED }, en, at)!.advice[1],
    ).toBe(
      'Check the client’s e-mail address for messages (the client’s contact on Clients and sites).',
    );
  });

  it('says sitedesk’s own reasons as they are known, with nothing folded', () => {
    const d = {
      state: 'not-sent',
      how: 'at-once',
      detail: 'the client has no e-mail address (call settings notifyTo or the contact e-mail)',
    };
    const words = deliveryWords(d, cs, at)!;
    expect(words.line).toBe(
      'Vzkaz se klientovi neposlal: klient nemá e-mailovou adresu pro vzkazy; doplňte ji do kontaktu klienta.',
    );
    expect(words.detail).toBe('');
    expect(words.line).not.toContain('notifyTo');
  });

  it('says a sent and a waiting message plainly, and nothing when there is no delivery', () => {
    expect(deliveryWords({ state: 'sent', how: 'digest', at: 'T' }, en, at)!.line).toBe(
      'The message reached the client (in the daily summary) on [T].',
    );
    expect(deliveryWords({ state: 'waiting' }, en, at)).toMatchObject({
      line: 'The message waits for the daily summary to the client.',
      failure: false,
      detail: '',
    });
    expect(deliveryWords(undefined, en, at)).toBeUndefined();
  });

  it('gives the history its reason in words', () => {
    expect(deliveryReason(DOWN, en)).toBe('the outgoing mail server does not answer');
    expect(deliveryReason(LOGIN, cs)).toBe(
      'server odchozí pošty odmítl přihlašovací jméno nebo heslo',
    );
    expect(deliveryReason('the client has no mailbox to send from', en)).toBe(
      'the client has no mailbox to send messages from; add one on the client.',
    );
  });
});

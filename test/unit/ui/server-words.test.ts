/**
 * The API's English sentences in the user's words (issue 14): known field checks and error
 * codes read in English and Czech; in Czech an unknown one is a plain Czech sentence, never
 * the server's English.
 */
import { describe, expect, it } from 'vitest';
import { cs } from '../../../src/ui/src/i18n/cs.js';
import { en, type MessageKey } from '../../../src/ui/src/i18n/en.js';
import { codeMessage, fieldWords } from '../../../src/ui/src/parts/server-words.js';

const translator =
  (catalog: Record<MessageKey, string>) =>
  (key: MessageKey, values?: Record<string, string | number>): string =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
      : catalog[key];
const tEn = translator(en);
const tCs = translator(cs);

describe('fieldWords', () => {
  it.each([
    [
      'must be a phone number such as +420 601 234 567',
      'Type a phone number',
      'Zadejte telefonní číslo',
    ],
    ['must not be empty', 'Please fill this in.', 'Vyplňte prosím.'],
    ['must say what should change', 'Say what should change.', 'Napište, co se má změnit.'],
    [
      'Too big: expected string to have <=500 characters',
      'at most 500 characters',
      'nejvýš 500 znaků',
    ],
  ])('%s', (message, english, czech) => {
    expect(fieldWords(message, tEn)).toContain(english);
    expect(fieldWords(message, tCs)).toContain(czech);
  });

  it('says a schedule rule that never fires, or cannot be read, in both languages', () => {
    const never =
      'This rule never comes round: February never has a day 30. Choose a day the month has.';
    expect(fieldWords(never, tEn)).toBe(never);
    expect(fieldWords(never, tCs)).toContain('Toto opakování nikdy nenastane');
    const cron = 'This cron line’s second field (the hour) is "25"; it takes 0 to 23, …';
    expect(fieldWords(cron, tEn)).toBe(cron);
    expect(fieldWords(cron, tCs)).toContain('Tomuto opakování sitedesk nerozumí');
    expect(fieldWords(cron, tCs)).not.toMatch(/This|field/);
  });

  it('keeps an unknown English check in English, and says it in Czech without English', () => {
    expect(fieldWords('must be a sitedesk id (26 characters)', tEn)).toBe(
      'must be a sitedesk id (26 characters)',
    );
    expect(fieldWords('must be a sitedesk id (26 characters)', tCs)).toBe(
      'Tato hodnota není platná.',
    );
  });
});

describe('codeMessage', () => {
  it('words the codes it knows in both languages', () => {
    expect(codeMessage('not_found', tEn)).toMatch(/no longer here/);
    expect(codeMessage('not_found', tCs)).toMatch(/už tu není/);
    expect(codeMessage('site_in_use', tCs)).toBeUndefined();
  });
});

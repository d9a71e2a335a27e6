/**
 * Moments as the web app writes them in its two languages: English with the short weekday,
 * Czech without it (its short weekdays read as words in a sentence: "ne" is "no").
 */
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../../src/ui/src/i18n/i18n.js';

const noop = (): void => undefined;
const moment = '2026-12-06T09:51:00Z';

describe('dateTime', () => {
  it('writes English with the weekday and Czech without it, in the zone asked for', () => {
    expect(makeI18n('en', noop).dateTime(moment, 'Europe/Prague')).toBe(
      'Sun, 6 Dec 2026, 10:51 CET',
    );
    expect(makeI18n('cs', noop).dateTime(moment, 'Europe/Prague')).toBe('6. 12. 2026 10:51 SEČ');
  });

  it('gives back what it cannot read as it came', () => {
    expect(makeI18n('cs', noop).dateTime('not a date', 'Europe/Prague')).toBe('not a date');
  });
});

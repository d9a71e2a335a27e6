/**
 * Dates and times typed as the app's language writes them (issue 14): the text field of
 * src/ui/src/parts/date-time-field.tsx reads day-first dates and 24-hour times, and shows the
 * value back in English (12/03/2031 09:30) or Czech (12. 3. 2031 9:30), whatever the browser's locale.
 */
import { describe, expect, it } from 'vitest';
import { formatTyped, parseTyped } from '../../../src/ui/src/parts/zoned-time.js';

describe('parseTyped', () => {
  it.each([
    ['12/03/2031 09:30', 'datetime', '2031-03-12T09:30'],
    ['12. 3. 2031 9:30', 'datetime', '2031-03-12T09:30'],
    ['1.3.2031 9.30', 'datetime', '2031-03-01T09:30'],
    ['2031-03-12 09:30', 'datetime', '2031-03-12T09:30'],
    ['12/03/2031', 'date', '2031-03-12'],
    ['6. 4. 2026', 'date', '2026-04-06'],
    ['16:30', 'time', '16:30'],
    ['7.05', 'time', '07:05'],
  ] as const)('%s (%s) → %s', (text, mode, value) => {
    expect(parseTyped(text, mode)).toBe(value);
  });

  it.each([
    ['31/02/2031 09:30', 'datetime'],
    ['12/03/2031', 'datetime'],
    ['12/03/2031 24:00', 'datetime'],
    ['03/12/2031 4:30 PM', 'datetime'],
    ['12:61', 'time'],
    ['tomorrow', 'date'],
  ] as const)('refuses %s (%s)', (text, mode) => {
    expect(parseTyped(text, mode)).toBeUndefined();
  });
});

describe('formatTyped', () => {
  it('writes the value in the app’s language and reads back what it wrote', () => {
    expect(formatTyped('2031-03-12T09:30', 'datetime', 'en')).toBe('12/03/2031 09:30');
    expect(formatTyped('2031-03-12T09:30', 'datetime', 'cs')).toBe('12. 3. 2031 9:30');
    expect(formatTyped('2026-04-06', 'date', 'cs')).toBe('6. 4. 2026');
    expect(formatTyped('08:05', 'time', 'cs')).toBe('8:05');
    for (const lang of ['en', 'cs'] as const)
      expect(parseTyped(formatTyped('2031-12-01T18:45', 'datetime', lang), 'datetime')).toBe(
        '2031-12-01T18:45',
      );
    expect(formatTyped('', 'datetime', 'en')).toBe('');
  });
});

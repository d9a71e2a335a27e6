/**
 * The letter screens' words in the app's language. They come with the letters chunk, not the
 * app's catalog (en.ts/cs.ts), so the first screen's JavaScript stays within its budget.
 */
import { csLetters } from '../i18n/letters-cs.js';
import { enLetters } from '../i18n/letters-en.js';
import { useI18n } from '../i18n/i18n.js';

export type LetterKey = keyof typeof enLetters;
export type W = (key: LetterKey, values?: Record<string, string | number>) => string;

/** `w(key, values)` for the letter screens, filling `{name}` placeholders like the app's t. */
export function useWords(): W {
  const { lang } = useI18n();
  const catalog: Record<LetterKey, string> = lang === 'cs' ? csLetters : enLetters;
  return (key, values) =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
      : catalog[key];
}

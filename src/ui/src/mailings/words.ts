/**
 * The mailings screen's words in the app's language. They come with the screen's chunk, not
 * the app's catalog (en.ts/cs.ts), because the first screen's JavaScript budget is full.
 */
import { csMailings } from '../i18n/mailings-cs.js';
import { enMailings } from '../i18n/mailings-en.js';
import { useI18n } from '../i18n/i18n.js';

export type MailingKey = keyof typeof enMailings;
export type W = (key: MailingKey, values?: Record<string, string | number>) => string;

/** `w(key, values)` for the mailings screen, filling `{name}` placeholders like the app's t. */
export function useWords(): W {
  const { lang } = useI18n();
  const catalog = lang === 'cs' ? csMailings : enMailings;
  return (key, values) =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
      : catalog[key];
}

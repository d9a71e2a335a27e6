/**
 * The meeting parts' words in the app's language. They come with the parts' chunks, not the
 * app's catalog (en.ts/cs.ts), to keep the first screen's JavaScript small (as the mailings).
 */
import { csMeetings } from '../i18n/meetings-cs.js';
import { enMeetings } from '../i18n/meetings-en.js';
import { useI18n } from '../i18n/i18n.js';

export type MeetingKey = keyof typeof enMeetings;
export type W = (key: MeetingKey, values?: Record<string, string | number>) => string;

/** `w(key, values)` for the meeting parts, filling `{name}` placeholders like the app's t. */
export function useWords(): { w: W; lang: 'en' | 'cs' } {
  const { lang } = useI18n();
  const catalog = lang === 'cs' ? csMeetings : enMeetings;
  const w: W = (key, values) =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
      : catalog[key];
  return { w, lang };
}

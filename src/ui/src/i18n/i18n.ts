import { createContext } from 'preact';
import { useContext, useEffect } from 'preact/hooks';
import { cs } from './cs.js';
import { en, type MessageKey } from './en.js';

/** The languages of the app. */
export const languages = { en: 'English', cs: 'Čeština' } as const;
export type Lang = keyof typeof languages;

const catalogs: Record<Lang, Record<MessageKey, string>> = { en, cs };

/** Translates a key, filling `{name}` placeholders. */
export type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The translator, date formatting and the current language. */
export interface I18n {
  lang: Lang;
  t: T;
  /** A date and time in the user's language, in `timeZone` (the client's) when given. */
  dateTime(iso: string, timeZone?: string): string;
  setLang(lang: Lang): void;
  /** True when saving the last choice on the user failed (the switch then says so). */
  saveFailed?: boolean;
}

// One formatter per language and time zone for the whole page: making an Intl.DateTimeFormat
// costs far more than using it (0.1 s and more on a busy machine, most of the task list's first
// render in bench/tasklist.ts), a list of 100 tasks asks for a date on every row, and the app
// makes a translator more than once (the browser's language, then the signed-in user's).
const formats = new Map<string, Intl.DateTimeFormat>();

/** Makes the translator of one language. */
export function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const catalog = catalogs[lang];
  const locale = lang === 'cs' ? 'cs-CZ' : 'en-GB';
  const formatIn = (timeZone: string | undefined): Intl.DateTimeFormat => {
    const key = `${locale} ${timeZone ?? ''}`;
    let format = formats.get(key);
    if (!format) {
      // dateStyle cannot be combined with timeZoneName, so the parts are named one by one.
      // Czech goes without the weekday: its short forms (po, út … so, ne) read as words inside a
      // sentence ("odešel ne 6. 12." — "ne" is "no"), and Czech dates are written without it.
      format = new Intl.DateTimeFormat(locale, {
        ...(lang === 'cs' ? {} : { weekday: 'short' as const }),
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
      });
      formats.set(key, format);
    }
    return format;
  };
  return {
    lang,
    setLang,
    // Without values the text is shown as written (it may show template variables like {{date}}).
    t: (key, values) =>
      values
        ? catalog[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
        : catalog[key],
    dateTime: (iso, timeZone) => {
      try {
        return formatIn(timeZone).format(new Date(iso));
      } catch {
        return iso;
      }
    },
  };
}

/** Sets `<html lang>` while mounted; restores the outer one when unmounted (signing out). */
export function useDocumentLang(lang: Lang): void {
  useEffect(() => {
    const before = document.documentElement.lang;
    document.documentElement.lang = lang;
    return () => {
      document.documentElement.lang = before;
    };
  }, [lang]);
}

/** The language saved in this browser, else the browser's own, else English. */
export function initialLang(): Lang {
  const saved = localStorage.getItem('sitedesk.lang');
  if (saved === 'cs' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('cs') ? 'cs' : 'en';
}

/** Context carrying the current I18n. */
export const I18nContext = createContext<I18n>(makeI18n('en', () => undefined));

/** The current translator. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

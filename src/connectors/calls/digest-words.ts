/**
 * The words of the call-message mails to the client (the daily digest and the at-once mail),
 * in the client's first language: Czech for `cs…`, English otherwise (issue 24: the client
 * reads them, and a Czech bakery should not get "Call messages for …").
 */
import type { DateTime } from 'luxon';

/** How a call came, when the phone system said (a missed call has no message of its own). */
export type CallVia = 'incoming' | 'missed' | 'voicemail';

interface Words {
  locale: string;
  wantsCallBack: string;
  pleaseCallBack: string;
  topic: string;
  voicemail: string;
  via: Record<CallVia, string>;
  callFrom: (who: string, time: string) => string;
  count: (n: number) => string;
  digestSubject: (client: string, day: string, count: string) => string;
  digestIntro: (count: string, client: string, zone: string) => string;
  /** luxon formats: a day, a day with time. */
  day: string;
  dayTime: string;
  otherDayTime: string;
}

const EN: Words = {
  locale: 'en-GB',
  wantsCallBack: ' — wants a call back',
  pleaseCallBack: ' — please call back',
  topic: 'Topic',
  voicemail: 'Voicemail',
  via: { incoming: '', missed: 'Missed call.', voicemail: 'Left a voicemail.' },
  callFrom: (who, time) => `Call from ${who} at ${time}`,
  count: (n) => (n === 1 ? '1 message' : `${n} messages`),
  digestSubject: (client, day, count) => `Call messages for ${client} — ${day} (${count})`,
  digestIntro: (count, client, zone) => `${count} taken for ${client}, times in ${zone}:`,
  day: 'ccc d LLL yyyy',
  dayTime: 'ccc d LLL yyyy HH:mm',
  otherDayTime: 'ccc d LLL HH:mm',
};

const CS: Words = {
  locale: 'cs',
  wantsCallBack: ' — prosí o zavolání zpět',
  pleaseCallBack: ' — prosí o zavolání zpět',
  topic: 'Téma',
  voicemail: 'Hlasová zpráva',
  via: { incoming: '', missed: 'Zmeškaný hovor.', voicemail: 'Nechal(a) hlasovou zprávu.' },
  callFrom: (who, time) => `Hovor od: ${who} v ${time}`,
  count: (n) => (n === 1 ? '1 vzkaz' : n >= 2 && n <= 4 ? `${n} vzkazy` : `${n} vzkazů`),
  digestSubject: (client, day, count) => `Vzkazy z telefonu pro ${client} — ${day} (${count})`,
  digestIntro: (count, client, zone) => `${count} pro ${client}, časy v zóně ${zone}:`,
  day: 'ccc d. L. yyyy',
  dayTime: 'ccc d. L. yyyy HH:mm',
  otherDayTime: 'ccc d. L. HH:mm',
};

/** The words for a client whose first language is `language` (`cs`, `cs-CZ` → Czech). */
export function callMailWords(language: string | undefined): Words {
  return language?.toLowerCase().startsWith('cs') ? CS : EN;
}

/** `dt` in the words' language and `format`. */
export function formatIn(words: Words, dt: DateTime, format: string): string {
  return dt.setLocale(words.locale).toFormat(format);
}

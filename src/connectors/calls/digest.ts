/**
 * The daily digest of call messages: one e-mail listing the day's messages, due at a set
 * wall-clock time in the client's timezone (18:00 stays 18:00 across DST; a time that does not
 * exist on a spring-forward day moves forward by the gap). Time comes from an injected clock.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import type { OutgoingMail } from '../mail/outgoing.js';
import type { MailAddress } from '../mail/parse.js';
import type { CallReason } from './decide.js';
import { callMailWords, formatIn, type CallVia } from './digest-words.js';
import { reasonForClient } from './reason-words.js';
import { minutesOf, parseWith, timezoneSchema } from './schemas.js';

/** When and where a client's digest goes. */
export const digestSettingsSchema = z.object({
  timezone: timezoneSchema,
  /** Local time `HH:mm`, e.g. `18:00`. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time "HH:mm", e.g. "18:00"'),
});

/** Validated digest settings. */
export type DigestSettings = z.infer<typeof digestSettingsSchema>;

/** Parses digest settings. */
export function parseDigestSettings(input: unknown): DigestSettings {
  return parseWith(digestSettingsSchema, input, 'the digest settings');
}

/** One message taken for the client. */
export interface CallMessage {
  at: number;
  number: string;
  callerName?: string;
  topic?: string;
  message: string;
  callbackWanted: boolean;
  /** Where the caller's voicemail can be heard (from the telephony webhook). */
  recordingUrl?: string;
  /** How the call came (the telephony webhook says): a missed call is said in words. */
  via?: CallVia;
  /** Why it was not put through (the decision's code and facts), said to the client. */
  why?: CallReason;
}

function dueOnDay(settings: DigestSettings, day: DateTime): number {
  const minutes = minutesOf(settings.time);
  return day
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
    .toMillis();
}

/** The first digest time strictly after `afterMs`. */
export function nextDigestDue(settings: DigestSettings, afterMs: number): number {
  const today = DateTime.fromMillis(afterMs, { zone: settings.timezone }).startOf('day');
  for (let d = 0; d < 3; d++) {
    const due = dueOnDay(settings, today.plus({ days: d }));
    if (due > afterMs) return due;
  }
  throw new Error('unreachable: a digest time exists every day');
}

/** The last digest time at or before `atMs`. */
export function previousDigestDue(settings: DigestSettings, atMs: number): number {
  const today = DateTime.fromMillis(atMs, { zone: settings.timezone }).startOf('day');
  for (let d = 0; d < 3; d++) {
    const due = dueOnDay(settings, today.minus({ days: d }));
    if (due <= atMs) return due;
  }
  throw new Error('unreachable: a digest time exists every day');
}

/**
 * The digest to send now, if one is due: `lastSentDue` is the due time of the last digest sent
 * (undefined: never). After downtime only one digest is sent, covering everything since the
 * last one. `from`/`to` bound the messages it lists (from inclusive, to exclusive).
 */
export function digestDueNow(
  settings: DigestSettings,
  lastSentDue: number | undefined,
  clock: Clock,
): { due: number; from: number; to: number } | undefined {
  const due = previousDigestDue(settings, clock.now());
  if (lastSentDue !== undefined && due <= lastSentDue) return undefined;
  const from = lastSentDue ?? previousDigestDue(settings, due - 1);
  return { due, from, to: due };
}

/** One message as the digest and the at-once e-mail show it. */
function formatCallMessage(
  m: CallMessage,
  time: string,
  words: ReturnType<typeof callMailWords>,
  timezone: string,
): string {
  const who = m.callerName ? `${m.callerName} (${m.number})` : m.number;
  const callback = m.callbackWanted ? words.wantsCallBack : '';
  const topic = m.topic ? `\n    ${words.topic}: ${m.topic}` : '';
  const via = m.via ? words.via[m.via] : '';
  const body = [via, m.message.trim()].filter(Boolean).join(' ').replace(/\n/g, '\n    ');
  const voicemail = m.recordingUrl ? `\n    ${words.voicemail}: ${m.recordingUrl}` : '';
  const reason = m.why && reasonForClient(m.why, words.locale, timezone);
  const why = reason ? `\n    ${reason}` : '';
  // A call without words (missed, nothing said) has no empty line of its own.
  return `${time}  ${who}${callback}${topic}${body ? `\n    ${body}` : ''}${voicemail}${why}`;
}

/** The e-mail for one message, for clients who want each message at once. */
export function composeCallMessageMail(
  timezone: string,
  addressing: DigestAddressing,
  message: CallMessage,
): OutgoingMail {
  const words = callMailWords(addressing.language);
  const local = DateTime.fromMillis(message.at, { zone: timezone });
  const who = message.callerName ?? message.number;
  return {
    from: addressing.from,
    to: [addressing.to],
    subject: `${words.callFrom(who, local.toFormat('HH:mm'))}${message.callbackWanted ? words.pleaseCallBack : ''}`,
    text: `${formatCallMessage(message, formatIn(words, local, words.dayTime), words, timezone)}\n`,
  };
}

/** Who the digest is from and to, and the language it is written in. */
export interface DigestAddressing {
  clientName: string;
  from: MailAddress;
  to: MailAddress;
  /** The client's first language (`cs` → Czech); English when absent or another. */
  language?: string;
}

/** The digest e-mail for `messages` (those in the window); undefined when there are none. */
export function composeDailyDigest(
  settings: DigestSettings,
  addressing: DigestAddressing,
  window: { from: number; to: number },
  messages: readonly CallMessage[],
): OutgoingMail | undefined {
  const listed = messages
    .filter((m) => m.at >= window.from && m.at < window.to)
    .sort((a, b) => a.at - b.at);
  if (listed.length === 0) return undefined;
  const zone = settings.timezone;
  const words = callMailWords(addressing.language);
  const day = formatIn(words, DateTime.fromMillis(window.to, { zone }), words.day);
  const lines = listed.map((m) => {
    const local = DateTime.fromMillis(m.at, { zone });
    const sameDay = local.hasSame(DateTime.fromMillis(window.to, { zone }), 'day');
    return formatCallMessage(
      m,
      sameDay ? local.toFormat('HH:mm') : formatIn(words, local, words.otherDayTime),
      words,
      zone,
    );
  });
  const count = words.count(listed.length);
  return {
    from: addressing.from,
    to: [addressing.to],
    subject: words.digestSubject(addressing.clientName, day, count),
    text: `${words.digestIntro(count, addressing.clientName, zone)}\n\n${lines.join('\n\n')}\n`,
  };
}

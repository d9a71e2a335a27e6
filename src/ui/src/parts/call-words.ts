/**
 * The call sentences the server stores on a call task (the decision's reason, why a message
 * did not reach the client) in her words when they are known ones (issue 24: a Czech screen
 * said "This client has no call settings …" and named the field `notifyTo`). Rule sentences
 * that quote her own rule names are shown as the server wrote them.
 */
import type { MessageKey } from '../i18n/en.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const known: [RegExp, MessageKey][] = [
  [/^This client has no call settings/, 'callWhyNoSettings'],
  [/^the client has no e-mail address/, 'callWhyNoEmail'],
  [/^the client has no mailbox to send from/, 'callWhyNoMailbox'],
];

/** A stored call sentence in her words, or as stored when it is not a known one. */
export function callWords(sentence: string, t: Translate): string {
  const hit = known.find(([re]) => re.test(sentence));
  return hit ? t(hit[1]) : sentence;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;

const codes = [
  'no-rule-within-hours',
  'no-rule-outside-hours',
  'rule-within-hours',
  'rule-any-time',
  'rule-only-within-hours',
  'unreachable',
] as const;

/**
 * Why a call was put through or not, in her words: from the stored code and its facts
 * (`decision.why`), or — on a task from before codes — the stored English sentence as it was
 * written. Times are read in the zone the decision used.
 */
export function decisionWords(
  decision: unknown,
  t: Translate,
  dateTime: (iso: string, timeZone?: string) => string,
): string {
  const d = record(decision);
  const why = record(d?.why);
  if (!why) {
    const stored = text(d?.reason);
    return stored ? callWords(stored, t) : t('callWhy.unknown');
  }
  const code = text(why.code);
  if (code === 'no-settings') return t('callWhyNoSettings');
  const hit = codes.find((c) => c === code);
  if (!hit) return t('callWhy.unknown');
  const zone = text(why.timezone) || undefined;
  const when = (iso: string): string => (iso ? dateTime(iso, zone) : t('callWhy.notSoon'));
  const match = record(why.match);
  const by = text(match?.by);
  const matched =
    by === 'any-caller' || by === 'caller' || by === 'topic'
      ? t(`callWhy.match.${by}`, { value: text(match?.value) })
      : '';
  const note = text(why.note);
  const values = {
    rule: text(why.rule),
    match: matched,
    range: text(why.range),
    until: when(text(why.until)),
    next: when(text(why.next)),
    note: note ? t('callWhy.note', { note }) : '',
  };
  if (hit === 'unreachable' && values.rule) return t('callWhy.unreachableRule', values);
  return t(`callWhy.${hit}`, values);
}

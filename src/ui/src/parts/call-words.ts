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

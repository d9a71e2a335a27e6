/**
 * Where a call message stands on its way to the client, in her words (issue 24): the mail
 * server's answer (English, technical) becomes its cause and what she can do about it; the
 * answer itself is kept for the folded technical details, never the headline.
 */
import type { MessageKey } from '../i18n/en.js';
import { callWords } from './call-words.js';
import { forwardCause } from './mail-causes.js';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;

/** One call message's delivery in sentences; `detail` is the server's own answer, for a fold. */
export interface DeliveryWords {
  line: string;
  /** What she can do, when it did not go. */
  advice: string[];
  /** Whether it is shown as a problem. */
  failure: boolean;
  /** The mail server's answer as it gave it (only when it was a mail server's answer). */
  detail: string;
}

const advice: Partial<Record<MessageKey, MessageKey>> = {
  'fwdCause.down': 'cd.do.down',
  'fwdCause.login': 'cd.do.login',
  'fwdCause.noPassword': 'cd.do.noPassword',
  'fwdCause.refused': 'cd.do.refused',
  'fwdCause.starttls': 'cd.do.starttls',
};

/** What to do about a mail server's answer, by its cause. */
const adviceOf = (detail: string): MessageKey => advice[forwardCause(detail)] ?? 'cd.do.other';

/**
 * The delivery stored on a call task (`details.delivery`) in her words, or undefined when
 * there is none to tell. `at` is already in the client's time.
 */
export function deliveryWords(
  delivery: unknown,
  t: Translate,
  at: (iso: string) => string,
): DeliveryWords | undefined {
  const d = record(delivery);
  const state = text(d?.state);
  const how = text(d?.how);
  const raw = text(d?.detail);
  const howWords = how === 'at-once' || how === 'digest' ? t(`mdHow.${how}`) : '';
  if (state === 'sent')
    return {
      line: t('mdDelivery.sent', { how: howWords, at: d?.at ? at(text(d.at)) : '' }),
      advice: [],
      failure: false,
      detail: '',
    };
  if (state === 'waiting' && !raw)
    return { line: t('mdDelivery.waiting'), advice: [], failure: false, detail: '' };
  if (state === 'waiting')
    return {
      line: t('cd.retrying', { cause: t(forwardCause(raw)) }),
      advice: [t(adviceOf(raw))],
      failure: true,
      detail: raw,
    };
  if (state === 'failed' || state === 'not-sent') {
    // sitedesk's own reasons (no address, no mailbox) are known sentences in her words already.
    const known = callWords(raw, t);
    if (raw && known !== raw)
      return {
        line: t(`mdDelivery.${state}`, { detail: known }),
        advice: [t('cd.passOn')],
        failure: true,
        detail: '',
      };
    return {
      line: t(how === 'digest' ? 'cd.digestFailed' : 'cd.failed', { cause: t(forwardCause(raw)) }),
      advice: [t('cd.passOn'), t(adviceOf(raw))],
      failure: true,
      detail: raw,
    };
  }
  return undefined;
}

/** The reason in a history line: a known sentence in her words, else the mail server's cause. */
export function deliveryReason(stored: string, t: Translate): string {
  const known = callWords(stored, t);
  return known !== stored ? known : t(forwardCause(stored));
}

/**
 * Why a message was taken instead of putting the call through, in the client's mails (the
 * digest and the at-once mail), in the client's first language and addressed to the client:
 * the call task stores a code with its facts (decide.ts), never a sentence (issue 24).
 * Calls that were put through leave no message, so their codes have no words here.
 */
import { DateTime } from 'luxon';
import type { CallReason, RuleMatch } from './decide.js';
import { callMailWords, formatIn } from './digest-words.js';

interface ReasonWords {
  notPutThrough: string;
  noSettings: string;
  noRuleWithinHours: string;
  noRuleOutsideHours: string;
  onlyWithinHours: (rule: string, match: string) => string;
  unreachable: (until: string, note: string) => string;
  match: (m: RuleMatch) => string;
}

const EN: ReasonWords = {
  notPutThrough: 'Not put through',
  noSettings: 'you have no call hours or forwarding rules set yet.',
  noRuleWithinHours: 'no forwarding rule of yours matches this caller or topic.',
  noRuleOutsideHours: 'outside your hours, and no forwarding rule matches this caller or topic.',
  onlyWithinHours: (rule, match) =>
    `your rule “${rule}” (${match}) puts calls through only within your hours.`,
  unreachable: (until, note) => `you were unreachable until ${until}${note ? ` (${note})` : ''}.`,
  match: (m) =>
    m.by === 'any-caller'
      ? 'every caller'
      : m.by === 'caller'
        ? `caller ${m.value ?? ''}`
        : `topic “${m.value ?? ''}”`,
};

const CS: ReasonWords = {
  notPutThrough: 'Nepřepojeno',
  noSettings: 'zatím nemáte nastavené hodiny ani pravidla přepojení.',
  noRuleWithinHours: 'na tohoto volajícího ani téma se nevztahuje žádné vaše pravidlo přepojení.',
  noRuleOutsideHours:
    'mimo vaši pracovní dobu a na volajícího ani téma se nevztahuje žádné pravidlo přepojení.',
  onlyWithinHours: (rule, match) =>
    `vaše pravidlo „${rule}“ (${match}) přepojuje jen v pracovní době.`,
  unreachable: (until, note) => `do ${until} jste nebyl(a) k zastižení${note ? ` (${note})` : ''}.`,
  match: (m) =>
    m.by === 'any-caller'
      ? 'každý volající'
      : m.by === 'caller'
        ? `volající ${m.value ?? ''}`
        : `téma „${m.value ?? ''}“`,
};

/**
 * "Not put through: …" for a message taken, in `language` (`cs…` → Czech, else English);
 * undefined for a call that was put through. Times in the decision's zone, else `timezone`.
 */
export function reasonForClient(
  why: CallReason,
  language: string | undefined,
  timezone: string,
): string | undefined {
  const mail = callMailWords(language);
  const w = mail.locale === 'cs' ? CS : EN;
  const zone = why.timezone ?? timezone;
  const at = (iso: string): string =>
    formatIn(mail, DateTime.fromISO(iso, { zone }), mail.otherDayTime);
  const say = (sentence: string): string => `${w.notPutThrough}: ${sentence}`;
  switch (why.code) {
    case 'no-settings':
      return say(w.noSettings);
    case 'no-rule-within-hours':
      return say(w.noRuleWithinHours);
    case 'no-rule-outside-hours':
      return say(w.noRuleOutsideHours);
    case 'rule-only-within-hours':
      return say(w.onlyWithinHours(why.rule ?? '', w.match(why.match ?? { by: 'any-caller' })));
    case 'unreachable':
      return why.until ? say(w.unreachable(at(why.until), why.note ?? '')) : undefined;
    case 'rule-within-hours':
    case 'rule-any-time':
      return undefined;
  }
}

import type { enCallWhy } from './callwhy-en.js';

/** Czech words of why a call was put through or not (issue 24). */
export const csCallWhy: Record<keyof typeof enCallWhy, string> = {
  'callWhy.no-rule-within-hours':
    'na tohoto volajícího ani téma se nevztahuje žádné pravidlo přepojení; klient je v pracovní době.',
  'callWhy.no-rule-outside-hours':
    'na tohoto volajícího ani téma se nevztahuje žádné pravidlo přepojení a klient je mimo pracovní dobu (k zastižení {next}).',
  'callWhy.rule-within-hours':
    'platí pravidlo „{rule}“ ({match}) a klient je v pracovní době ({range}).',
  'callWhy.rule-any-time':
    'je mimo pracovní dobu, ale pravidlo „{rule}“ ({match}) přepojuje kdykoli.',
  'callWhy.rule-only-within-hours':
    'platí pravidlo „{rule}“ ({match}), ale jen v pracovní době; klient je k zastižení {next}.',
  'callWhy.unreachable': 'klient je nedostupný do {until}{note}; znovu k zastižení {next}.',
  'callWhy.unreachableRule':
    'klient je nedostupný do {until}{note}: pravidlo „{rule}“ ({match}) sice platí, ale klient teď hovory nepřijímá; znovu k zastižení {next}.',
  'callWhy.note': ' ({note})',
  'callWhy.match.any-caller': 'každý volající',
  'callWhy.match.caller': 'volající {value}',
  'callWhy.match.topic': 'téma „{value}“',
  'callWhy.notSoon': 'ne v příštích třech týdnech',
  'callWhy.unknown': 'důvod nebyl zaznamenán.',
};

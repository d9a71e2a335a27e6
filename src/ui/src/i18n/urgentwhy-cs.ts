import type { enUrgentWhy } from './urgentwhy-en.js';

/** Česky: proč je e-mail naléhavý (která klientova pravidla na něj sedí). */
export const csUrgentWhy: Record<keyof typeof enUrgentWhy, string> = {
  'urgentWhy.rule': 'pravidlo „{name}“: {what}',
  'urgentWhy.sender': 'odesílatel {sender}',
  'urgentWhy.word.message': 'slova „{word}“ v e-mailu',
  'urgentWhy.word.subject': 'slova „{word}“ v předmětu',
  'urgentWhy.word.body': 'slova „{word}“ v textu',
  'urgentWhy.and': ' a ',
};

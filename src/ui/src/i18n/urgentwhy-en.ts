/** English words of why a mail is urgent (the client's urgent-mail rules that matched it). */
export const enUrgentWhy = {
  'urgentWhy.rule': 'rule “{name}”: {what}',
  'urgentWhy.sender': 'the sender {sender}',
  'urgentWhy.word.message': 'the words “{word}” in the mail',
  'urgentWhy.word.subject': 'the words “{word}” in the subject',
  'urgentWhy.word.body': 'the words “{word}” in the text',
  'urgentWhy.and': ' and ',
};

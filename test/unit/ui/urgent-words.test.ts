/**
 * Why a mail is urgent, on her screen (issue 24): the lines the mail rules store
 * (connectors/mail/rules.ts judgeUrgency) said in English and in Czech, her rule's name and
 * word as she wrote them; a line of another shape stays as stored.
 */
import { describe, expect, it } from 'vitest';
import { clientMailRulesSchema, judgeUrgency } from '../../../src/connectors/mail/rules.js';
import { urgentReason, urgentReasons } from '../../../src/ui/src/parts/urgent-words.js';
import { cs as csCatalog } from '../../../src/ui/src/i18n/cs.js';
import { en as enCatalog, type MessageKey } from '../../../src/ui/src/i18n/en.js';

const translator =
  (catalog: Record<MessageKey, string>) =>
  (key: MessageKey, values?: Record<string, string | number>): string =>
    values
      ? catalog[key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))
      : catalog[key];
const en = translator(enCatalog);
const cs = translator(csCatalog);

/** The reasons the rules really give for one mail. */
const reasonsFor = (rule: Record<string, unknown>, from = 'soused@example.org') =>
  judgeUrgency(clientMailRulesSchema.parse({ urgent: [rule] }), {
    from: [{ address: from, name: '' }],
    subject: 'U vás teče voda!',
    text: 'Dobrý den, ze dveří pekárny teče voda na chodník.',
  }).reasons;

describe('why a mail is urgent, in her words', () => {
  it('says a word rule in English and in Czech', () => {
    const [line] = reasonsFor({ name: 'voda', words: ['teče voda'], where: 'anywhere' });
    expect(urgentReason(line!, en)).toBe('rule “voda”: the words “teče voda” in the mail');
    expect(urgentReason(line!, cs)).toBe('pravidlo „voda“: slova „teče voda“ v e-mailu');
  });

  it('says a sender rule, and a sender with a word in the subject', () => {
    const [sender] = reasonsFor({ name: 'Soused', senders: ['soused@example.org'] });
    expect(urgentReason(sender!, cs)).toBe('pravidlo „Soused“: odesílatel soused@example.org');
    const [both] = reasonsFor({
      name: 'a and b',
      senders: ['soused@example.org'],
      words: ['voda'],
      where: 'subject',
    });
    expect(urgentReason(both!, en)).toBe(
      'rule “a and b”: the sender soused@example.org and the words “voda” in the subject',
    );
    expect(urgentReason(both!, cs)).toBe(
      'pravidlo „a and b“: odesílatel soused@example.org a slova „voda“ v předmětu',
    );
  });

  it('leaves a line of another shape as stored, and joins several', () => {
    expect(urgentReason('marked urgent by hand', cs)).toBe('marked urgent by hand');
    const lines = [
      ...reasonsFor({ name: 'voda', words: ['teče voda'], where: 'body' }),
      ...reasonsFor({ name: 'Soused', senders: ['soused@example.org'] }),
    ];
    const said = urgentReasons(lines, cs);
    expect(said).toBe(
      'pravidlo „voda“: slova „teče voda“ v textu; pravidlo „Soused“: odesílatel soused@example.org',
    );
    expect(said).not.toMatch(/rule|the word|sender/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkMailRules,
  judgeUrgency,
  parseClientMailRules,
} from '../../../../src/connectors/mail/rules.js';
import { ValidationError } from '../../../../src/shared/errors.js';

const mail = (from: string, subject: string, text = '') => ({
  from: [{ address: from, name: '' }],
  subject,
  text,
});

describe('client mail rules', () => {
  it('reports every rule that can never match, or matches everything', () => {
    const rules = parseClientMailRules({
      urgent: [
        { name: 'empty words', words: [] },
        { name: 'empty senders', senders: [] },
        {
          name: 'bad sender',
          senders: ['boss', 'boss@bakery.example', '@supplier.example', 'supplier.example', 'a@b'],
        },
        { name: 'punctuation', words: ['!!!', 'ok'] },
        { name: 'everything' },
      ],
    });
    expect(checkMailRules(rules)).toEqual([
      {
        path: 'urgent.0.words',
        rule: 'empty words',
        message: 'the word list is empty: this rule can never match',
      },
      {
        path: 'urgent.1.senders',
        rule: 'empty senders',
        message: 'the sender list is empty: this rule can never match',
      },
      expect.objectContaining({
        path: 'urgent.2.senders.0',
        message: expect.stringContaining('"boss" is not an address'),
      }),
      expect.objectContaining({ path: 'urgent.2.senders.4' }),
      expect.objectContaining({
        path: 'urgent.3.words.0',
        message: expect.stringContaining('no letters or digits'),
      }),
      expect.objectContaining({
        path: 'urgent.4',
        rule: 'everything',
        message: expect.stringContaining('every message'),
      }),
    ]);
  });

  it('accepts good rules without problems and rejects wrong shapes with the field', () => {
    expect(
      checkMailRules(
        parseClientMailRules({ urgent: [{ name: 'x', senders: ['@a.example'], words: ['leak'] }] }),
      ),
    ).toEqual([]);
    try {
      parseClientMailRules({ urgent: [{ name: '', words: 'leak' }], forwardUrgentTo: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details?.map((d) => d.path).sort()).toEqual([
        'forwardUrgentTo',
        'urgent.0.name',
        'urgent.0.words',
      ]);
    }
  });

  it('matches whole words ignoring case and accents, senders by address or (sub)domain', () => {
    const rules = parseClientMailRules({
      urgent: [
        { name: 'leak', words: ['havárie', 'water leak'], where: 'subject' },
        { name: 'supplier', senders: ['@supplier.example'] },
        {
          name: 'boss says urgent',
          senders: ['boss@bakery.example'],
          words: ['urgent'],
          where: 'body',
        },
      ],
    });
    expect(judgeUrgency(rules, mail('x@y.example', 'HAVARIE!')).reasons).toEqual([
      'rule "leak": the word "havárie" in the subject',
    ]);
    expect(judgeUrgency(rules, mail('x@y.example', 'Water   leak downstairs')).urgent).toBe(true);
    expect(judgeUrgency(rules, mail('x@y.example', 'leaking tap', 'havárie')).urgent).toBe(false); // body, rule is subject-only
    expect(judgeUrgency(rules, mail('x@y.example', 'havariedamage')).urgent).toBe(false); // not a whole word
    expect(judgeUrgency(rules, mail('a@eu.supplier.example', 'invoice')).reasons).toEqual([
      'rule "supplier": sender a@eu.supplier.example',
    ]);
    expect(judgeUrgency(rules, mail('a@notsupplier.example', 'invoice')).urgent).toBe(false);
    expect(
      judgeUrgency(rules, mail('boss@bakery.example', 'hi', 'this is Urgent.')).reasons,
    ).toEqual([
      'rule "boss says urgent": sender boss@bakery.example and the word "urgent" in the body',
    ]);
    expect(judgeUrgency(rules, mail('other@bakery.example', 'hi', 'urgent')).urgent).toBe(false);
  });
});

/**
 * Why a message was taken, in the client's mails (issue 24): the decision's code and facts
 * worded for the client in English and in Czech, with times in the client's zone; calls that
 * were put through have no words; the digest and the at-once mail carry the line, and a
 * message from before codes (no `why`) carries none rather than an English sentence.
 */
import { describe, expect, it } from 'vitest';
import { reasonForClient } from '../../../../src/connectors/calls/reason-words.js';
import {
  composeCallMessageMail,
  composeDailyDigest,
  parseDigestSettings,
} from '../../../../src/connectors/calls/digest.js';
import type { CallReason } from '../../../../src/connectors/calls/decide.js';

const zone = 'Europe/Prague';
const unreachable: CallReason = {
  code: 'unreachable',
  until: '2026-04-08T12:00:00.000Z',
  note: 'u zubaře',
  next: '2026-04-08T12:00:00.000Z',
  timezone: zone,
};
const onlyWithin: CallReason = {
  code: 'rule-only-within-hours',
  rule: 'objednávky',
  match: { by: 'topic', value: 'dort' },
  timezone: zone,
};

describe('why a message was taken, for the client', () => {
  it('says each code in English and in Czech, times in the client’s zone', () => {
    const cases: [CallReason, string, string][] = [
      [
        { code: 'no-settings' },
        'Not put through: you have no call hours or forwarding rules set yet.',
        'Nepřepojeno: zatím nemáte nastavené hodiny ani pravidla přepojení.',
      ],
      [
        { code: 'no-rule-within-hours', timezone: zone },
        'Not put through: no forwarding rule of yours matches this caller or topic.',
        'Nepřepojeno: na tohoto volajícího ani téma se nevztahuje žádné vaše pravidlo přepojení.',
      ],
      [
        { code: 'no-rule-outside-hours', timezone: zone },
        'Not put through: outside your hours, and no forwarding rule matches this caller or topic.',
        'Nepřepojeno: mimo vaši pracovní dobu a na volajícího ani téma se nevztahuje žádné pravidlo přepojení.',
      ],
      [
        onlyWithin,
        'Not put through: your rule “objednávky” (topic “dort”) puts calls through only within your hours.',
        'Nepřepojeno: vaše pravidlo „objednávky“ (téma „dort“) přepojuje jen v pracovní době.',
      ],
      [
        // 12:00 UTC is 14:00 in Prague (CEST).
        unreachable,
        'Not put through: you were unreachable until Wed 8 Apr 14:00 (u zubaře).',
        'Nepřepojeno: do st 8. 4. 14:00 jste nebyl(a) k zastižení (u zubaře).',
      ],
    ];
    for (const [why, english, czech] of cases) {
      expect(reasonForClient(why, 'en', 'UTC')).toBe(english);
      expect(reasonForClient(why, 'cs-CZ', 'UTC')).toBe(czech);
    }
  });

  it('has no words for a call that was put through, and no code ever shows', () => {
    for (const code of ['rule-within-hours', 'rule-any-time'] as const)
      expect(reasonForClient({ code, rule: 'x', match: { by: 'any-caller' } }, 'cs', zone)).toBe(
        undefined,
      );
    const all = [unreachable, onlyWithin, { code: 'no-settings' as const }]
      .flatMap((why) => [reasonForClient(why, 'en', zone), reasonForClient(why, 'cs', zone)])
      .join('\n');
    expect(all).not.toMatch(/rule-|no-settings|-hours|2026-04-08T/);
  });

  it('goes into the digest and the at-once mail in the client’s language', () => {
    const settings = parseDigestSettings({ timezone: zone, time: '18:00' });
    const addressing = {
      clientName: 'Pekárna',
      language: 'cs',
      from: { address: 'desk@agency.example', name: 'Sekretářka' },
      to: { address: 'owner@bakery.example', name: 'Majitelka' },
    };
    const message = {
      at: Date.parse('2026-04-08T09:30:00Z'),
      number: '+420 602 1',
      callerName: 'Jana',
      message: 'Zavolejte mi.',
      callbackWanted: false,
      why: unreachable,
    };
    const old = { ...message, at: Date.parse('2026-04-08T10:30:00Z'), number: '+420 602 2' };
    delete (old as { why?: CallReason }).why;
    const digest = composeDailyDigest(
      settings,
      addressing,
      { from: Date.parse('2026-04-07T16:00:00Z'), to: Date.parse('2026-04-08T16:00:00Z') },
      [message, old],
    );
    expect(digest?.text).toBe(
      '2 vzkazy pro Pekárna, časy v zóně Europe/Prague:\n\n' +
        '11:30  Jana (+420 602 1)\n    Zavolejte mi.\n' +
        '    Nepřepojeno: do st 8. 4. 14:00 jste nebyl(a) k zastižení (u zubaře).\n\n' +
        '12:30  Jana (+420 602 2)\n    Zavolejte mi.\n',
    );
    const english = composeCallMessageMail(zone, { ...addressing, language: 'en' }, message);
    expect(english.text).toContain(
      '\n    Not put through: you were unreachable until Wed 8 Apr 14:00 (u zubaře).\n',
    );
  });
});

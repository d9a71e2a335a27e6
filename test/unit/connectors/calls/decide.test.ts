import { describe, expect, it } from 'vitest';
import {
  checkForwardingRules,
  parseCallProfile,
} from '../../../../src/connectors/calls/schemas.js';
import { decideCall, sameNumber } from '../../../../src/connectors/calls/decide.js';
import { reachability } from '../../../../src/connectors/calls/availability.js';
import { ValidationError } from '../../../../src/shared/errors.js';

const weekdays = { from: '09:00', to: '17:00' };
const profile = parseCallProfile({
  availability: {
    timezone: 'Europe/Prague',
    weekly: {
      mon: [weekdays],
      tue: [weekdays],
      wed: [weekdays],
      thu: [weekdays],
      fri: [{ from: '09:00', to: '12:00' }],
    },
    unreachable: [
      { from: '2026-04-08T10:00:00+02:00', to: '2026-04-08T14:00:00+02:00', reason: 'dentist' },
    ],
  },
  forwarding: [
    { name: 'family', callers: ['+420 602 123 456', 'Nováková'], outsideHours: true },
    { name: 'orders', topics: ['objednávka', 'big order'] },
  ],
});
const at = (iso: string) => Date.parse(iso);

describe('decideCall', () => {
  it('forwards a matching call within hours and says which rule and range', () => {
    expect(
      decideCall(profile, {
        number: '+420 777 000 111',
        topic: 'Big   order for Friday',
        at: at('2026-04-07T10:00:00+02:00'),
      }),
    ).toEqual({
      action: 'forward',
      why: {
        code: 'rule-within-hours',
        rule: 'orders',
        match: { by: 'topic', value: 'big order' },
        range: '09:00–17:00',
        timezone: 'Europe/Prague',
      },
      rule: 'orders',
    });
  });

  it('takes a message outside hours unless the rule goes through at any time', () => {
    const evening = at('2026-04-07T19:00:00+02:00');
    expect(decideCall(profile, { number: '777000111', topic: 'objednavka', at: evening })).toEqual({
      action: 'take-message',
      why: {
        code: 'rule-only-within-hours',
        rule: 'orders',
        match: { by: 'topic', value: 'objednávka' },
        next: '2026-04-08T07:00:00.000Z',
        timezone: 'Europe/Prague',
      },
      rule: 'orders',
    });
    expect(decideCall(profile, { number: '602123456', at: evening })).toMatchObject({
      action: 'forward',
      why: {
        code: 'rule-any-time',
        rule: 'family',
        match: { by: 'caller', value: '602123456' },
      },
    });
    expect(
      decideCall(profile, { number: '1', callerName: 'Jana Nováková', at: evening }).action,
    ).toBe('forward');
  });

  it('never forwards during an unreachable period, and says until when', () => {
    expect(
      decideCall(profile, { number: '00420602123456', at: at('2026-04-08T11:00:00+02:00') }),
    ).toEqual({
      action: 'take-message',
      why: {
        code: 'unreachable',
        rule: 'family',
        match: { by: 'caller', value: '00420602123456' },
        until: '2026-04-08T12:00:00.000Z',
        note: 'dentist',
        next: '2026-04-08T12:00:00.000Z',
        timezone: 'Europe/Prague',
      },
      rule: 'family',
    });
  });

  it('takes a message when no rule matches', () => {
    expect(
      decideCall(profile, {
        number: '+44 20 7946 0000',
        topic: 'sales call',
        at: at('2026-04-07T10:00:00+02:00'),
      }),
    ).toEqual({
      action: 'take-message',
      why: { code: 'no-rule-within-hours', timezone: 'Europe/Prague' },
    });
  });

  it('reads hours on the client wall clock across the spring DST change', () => {
    // Friday 27 March is CET (UTC+1), Monday 30 March CEST (UTC+2).
    expect(reachability(profile.availability, at('2026-03-27T08:00:00Z')).state).toBe('available');
    expect(reachability(profile.availability, at('2026-03-30T07:00:00Z')).state).toBe('available');
    const early = reachability(profile.availability, at('2026-03-30T06:59:00Z'));
    expect(early).toEqual({ state: 'outside-hours', next: at('2026-03-30T07:00:00Z') });
    // Friday noon CET → next is Monday 09:00 CEST, over the weekend and the change.
    expect(reachability(profile.availability, at('2026-03-27T11:00:00Z'))).toEqual({
      state: 'outside-hours',
      next: at('2026-03-30T07:00:00Z'),
    });
  });
});

describe('the autumn DST change', () => {
  const sunday = parseCallProfile({
    availability: { timezone: 'Europe/Prague', weekly: { sun: [{ from: '09:00', to: '17:00' }] } },
    forwarding: [{ name: 'all', anyCaller: true }],
  });

  it('keeps Sunday 09:00 local on the day clocks go back (25 Oct 2026, UTC+2 → UTC+1)', () => {
    expect(reachability(sunday.availability, at('2026-10-25T07:30:00Z')).state).toBe(
      'outside-hours',
    ); // 08:30 CET
    expect(reachability(sunday.availability, at('2026-10-25T08:00:00Z')).state).toBe('available'); // 09:00 CET
    expect(reachability(sunday.availability, at('2026-10-25T15:59:00Z')).state).toBe('available'); // 16:59 CET
    expect(decideCall(sunday, { number: '1234567', at: at('2026-10-24T20:00:00Z') })).toEqual({
      action: 'take-message',
      why: {
        code: 'rule-only-within-hours',
        rule: 'all',
        match: { by: 'any-caller' },
        next: '2026-10-25T08:00:00.000Z',
        timezone: 'Europe/Prague',
      },
      rule: 'all',
    });
    expect(reachability(sunday.availability, at('2026-10-24T20:00:00Z'))).toEqual({
      state: 'outside-hours',
      next: at('2026-10-25T08:00:00Z'),
    });
  });
});

describe('call settings', () => {
  it('matches numbers with or without the country code, never on a few digits', () => {
    expect(sameNumber('+420 602 123 456', '602-123-456')).toBe(true);
    expect(sameNumber('00420602123456', '+420602123456')).toBe(true);
    expect(sameNumber('123456', '+420602123456')).toBe(false);
    expect(sameNumber('+420602123457', '+420602123456')).toBe(false);
  });

  it('rejects bad hours and zones with the field, and reports rules that can never match', () => {
    try {
      parseCallProfile({
        availability: {
          timezone: 'Europe/Atlantis',
          weekly: { mon: [{ from: '17:00', to: '09:00' }] },
        },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details?.map((d) => d.path)).toEqual([
        'availability.timezone',
        'availability.weekly.mon.0',
      ]);
    }
    expect(checkForwardingRules([{ name: 'nobody', callers: [], outsideHours: false }])).toEqual([
      {
        path: 'forwarding.0',
        message:
          'rule "nobody" names no callers or topics (and is not anyCaller): it can never match',
      },
    ]);
  });
});

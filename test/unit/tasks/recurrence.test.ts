import { describe, expect, it } from 'vitest';
import { createRecurrence, toInstant, type Rule } from '../../../src/tasks/index.js';

const utc = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

function runs(zone: string, rule: Rule, from: string, to: string, endsAt?: string): string[] {
  const recurrence = createRecurrence({
    rule,
    zone,
    startsAt: utc('2026-01-01T00:00:00Z'),
    endsAt: endsAt === undefined ? undefined : utc(endsAt),
  });
  return recurrence.between(utc(from), utc(to), 100).map(iso);
}

const daily = (hour: number, minute: number): Rule[] => [
  { kind: 'rrule', expression: `FREQ=DAILY;BYHOUR=${hour};BYMINUTE=${minute}` },
  { kind: 'cron', expression: `${minute} ${hour} * * *` },
];

describe('toInstant (wall time → instant)', () => {
  it('maps a time in the spring gap forward by the gap and a repeated time to its first instance', () => {
    expect(iso(toInstant('Europe/Prague', utc('2026-03-29T02:30:00Z')))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(toInstant('Europe/Prague', utc('2026-10-25T02:30:00Z')))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(toInstant('America/New_York', utc('2026-03-08T02:30:00Z')))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(iso(toInstant('America/New_York', utc('2026-11-01T01:30:00Z')))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(iso(toInstant('America/New_York', utc('2026-07-01T09:00:00Z')))).toBe(
      '2026-07-01T13:00:00.000Z',
    );
  });
});

describe.each(daily(2, 30))('02:30 daily across spring-forward (%o)', (rule) => {
  it('Europe/Prague: runs once on 29 March, at 03:30 CEST (the gap skips 02:00–03:00)', () => {
    expect(runs('Europe/Prague', rule, '2026-03-27T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:30:00.000Z', // 03:30 CEST: 02:30 does not exist that day
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('America/New_York: runs once on 8 March, at 03:30 EDT', () => {
    expect(runs('America/New_York', rule, '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z')).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-09T06:30:00.000Z',
    ]);
  });
});

describe.each(daily(1, 30))('01:30 daily across fall-back (%o)', (rule) => {
  it('America/New_York: runs once on 1 November, at the first 01:30 (EDT)', () => {
    expect(runs('America/New_York', rule, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; the second 01:30 (EST, 06:30Z) does not run
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('Europe/Prague: one run per day around 25 October', () => {
    expect(runs('Europe/Prague', rule, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      '2026-10-24T23:30:00.000Z', // 01:30 CEST on the 25th
      '2026-10-26T00:30:00.000Z', // 01:30 CET
    ]);
  });
});

describe('the repeated hour in Prague (02:30 on 25 October 2026 happens twice)', () => {
  it.each(daily(2, 30))('runs once, at the first 02:30 (CEST) — %o', (rule) => {
    expect(runs('Europe/Prague', rule, '2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toEqual([
      '2026-10-25T00:30:00.000Z',
    ]);
  });
});

describe('weekly schedules keep the local time of day', () => {
  it('Monday 09:00 in Prague is 08:00Z in winter and 07:00Z in summer', () => {
    const rule: Rule = { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0' };
    expect(runs('Europe/Prague', rule, '2026-03-15T00:00:00Z', '2026-04-07T00:00:00Z')).toEqual([
      '2026-03-16T08:00:00.000Z',
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
      '2026-04-06T07:00:00.000Z',
    ]);
    const cron: Rule = { kind: 'cron', expression: '0 9 * * 1' };
    expect(runs('Europe/Prague', cron, '2026-03-15T00:00:00Z', '2026-04-07T00:00:00Z')).toEqual(
      runs('Europe/Prague', rule, '2026-03-15T00:00:00Z', '2026-04-07T00:00:00Z'),
    );
  });

  it('every half hour through the New York gap: no duplicates, no run in the missing hour', () => {
    const rule: Rule = { kind: 'cron', expression: '0,30 * * * *' };
    expect(runs('America/New_York', rule, '2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z')).toEqual([
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT (02:00 mapped here too: once)
      '2026-03-08T07:30:00.000Z', // 03:30 EDT (02:30 mapped here too: once)
      '2026-03-08T08:00:00.000Z',
    ]);
  });

  it('stops at the end date and does not start before the start', () => {
    const [rule] = daily(9, 0);
    expect(
      runs(
        'Europe/Prague',
        rule!,
        '2026-05-01T00:00:00Z',
        '2026-06-01T00:00:00Z',
        '2026-05-03T07:00:00Z',
      ),
    ).toEqual(['2026-05-01T07:00:00.000Z', '2026-05-02T07:00:00.000Z', '2026-05-03T07:00:00.000Z']);
    const late = createRecurrence({
      rule: rule!,
      zone: 'Europe/Prague',
      startsAt: utc('2026-05-10T12:00:00Z'),
    });
    expect(iso(late.nextAfter(utc('2026-01-01T00:00:00Z'))!)).toBe('2026-05-11T07:00:00.000Z');
  });
});

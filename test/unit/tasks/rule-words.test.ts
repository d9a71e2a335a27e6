/**
 * A schedule's rule is checked in our words (issue 23): a rule that can never fire is refused
 * with a sentence a person understands, and neither rrule's nor cron-parser's own messages
 * come through.
 */
import { describe, expect, it } from 'vitest';
import { ruleProblem, type Rule } from '../../../src/tasks/schedules/recurrence.js';
import { createScheduleSchema } from '../../../src/tasks/schedules/schemas.js';

const rrule = (expression: string): Rule => ({ kind: 'rrule', expression });
const cron = (expression: string): Rule => ({ kind: 'cron', expression });
/** Words of the libraries that must never reach a person. */
const LIBRARY_WORDS = /Unknown RRULE|Invalid|Constraint error|expected range|undefined|NaN/;

describe('rules that can never fire', () => {
  it.each([
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'February never has a day 30'],
    ['FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31', 'April never has a day 31'],
    ['FREQ=MONTHLY;BYMONTH=11;BYMONTHDAY=31;BYHOUR=9', 'November never has a day 31'],
  ])('%s is refused: %s', (expression, why) => {
    expect(ruleProblem(rrule(expression))).toBe(
      `This rule never comes round: ${why}. Choose a day the month has.`,
    );
  });

  it('refuses other impossible combinations with a general sentence, quickly', () => {
    const started = Date.now();
    for (const expression of [
      'FREQ=DAILY;BYYEARDAY=366;BYMONTH=1',
      'FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=-31',
    ])
      expect(ruleProblem(rrule(expression))).toMatch(/^This rule never comes round: no date/);
    expect(Date.now() - started).toBeLessThan(10_000); // rrule alone would scan to 9999
    expect(ruleProblem(cron('0 9 30 2 *'))).toMatch(/^This cron line never comes round/);
    expect(ruleProblem(cron('0 9 31 4,6,9,11 *'))).toMatch(/^This cron line never comes round/);
  });

  it('accepts rules that come round rarely or in leap years only', () => {
    for (const expression of [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=MONTHLY;BYDAY=5FR;BYMONTH=2', // February 2036 has five Fridays
      'FREQ=MONTHLY;BYMONTHDAY=31',
      'FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1',
      'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=30',
    ])
      expect(ruleProblem(rrule(expression)), expression).toBeUndefined();
    for (const line of ['0 9 29 2 *', '0 9 30 2 1', '*/15 9-17 * * MON-FRI', '0 8 * * 1-5'])
      expect(ruleProblem(cron(line)), line).toBeUndefined();
  });
});

describe('rule text in our words', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=XX', 'This rule has BYDAY=XX; "XX" is not a day: use MO, TU'],
    ['FREQ=DAILY;BYHOUR=25', 'This rule has BYHOUR=25; it takes hours 0 to 23.'],
    ['FREQ=FORTNIGHTLY', 'This rule has FREQ=FORTNIGHTLY; use YEARLY, MONTHLY'],
    ['BYDAY=MO', 'This rule needs FREQ (how often)'],
    ['FREQ=WEEKLY;COLOR=red', 'This rule has a part "COLOR" that sitedesk does not know'],
    ['FREQ=WEEKLY;COUNT=3', 'This rule must not contain COUNT'],
    ['FREQ=WEEKLY;BYDAY', 'This rule has a part "BYDAY" that is not NAME=VALUE'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'This rule names FREQ twice'],
  ])('%s', (expression, start) => {
    const problem = ruleProblem(rrule(expression)) ?? '';
    expect(problem.startsWith(start), problem).toBe(true);
    expect(problem).not.toMatch(LIBRARY_WORDS);
  });

  it.each([
    ['61 9 * * *', 'first field (the minute) is "61"; it takes 0 to 59'],
    ['0 24 * * *', 'second field (the hour) is "24"; it takes 0 to 23'],
    ['0 9 0 * *', 'third field (the day of the month) is "0"; it takes 1 to 31'],
    ['0 9 * 13 *', 'fourth field (the month) is "13"'],
    ['0 9 * * MONDAY', 'fifth field (the day of the week) is "MONDAY"'],
    ['0 9 * * 1/0', 'fifth field (the day of the week) is "1/0"'],
    ['* * * * * *', 'has 6 fields; it needs five'],
    ['@daily', 'has 1 field; it needs five'],
  ])('cron %s', (line, words) => {
    const problem = ruleProblem(cron(line)) ?? '';
    expect(problem).toMatch(/^This cron line/);
    expect(problem).toContain(words);
    expect(problem).not.toMatch(LIBRARY_WORDS);
  });

  it('puts the sentence on the rule’s expression field of a new schedule', () => {
    const result = createScheduleSchema.safeParse({
      clientId: 'c1',
      name: 'Leap',
      rule: rrule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'),
      template: { title: 'x', slug: 'x', markdown: 'x' },
      siteIds: ['s1'],
    });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === 'rule.expression');
    expect(issue?.message).toBe(
      'This rule never comes round: February never has a day 30. Choose a day the month has.',
    );
  });
});

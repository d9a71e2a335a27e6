/**
 * A schedule's rule checked part by part, with the problem told in our words (issue 23): the
 * libraries (rrule, cron-parser) answer "Unknown RRULE property" or "Constraint error, got
 * value 61 expected range 0-59", which means nothing to the person who typed it. Every
 * sentence here starts with "This rule" or "This cron line" (the web app recognises them).
 */

/** The parts of an RRULE sitedesk understands, with the values each may take. */
const RRULE_RANGES: Readonly<Record<string, readonly [number, number, string]>> = {
  INTERVAL: [1, 1000, 'a number from 1 to 1000'],
  BYMONTH: [1, 12, 'months 1 to 12'],
  BYMONTHDAY: [-31, 31, 'days 1 to 31 (or -1 for the last day)'],
  BYYEARDAY: [-366, 366, 'days 1 to 366'],
  BYWEEKNO: [-53, 53, 'weeks 1 to 53'],
  BYHOUR: [0, 23, 'hours 0 to 23'],
  BYMINUTE: [0, 59, 'minutes 0 to 59'],
  BYSECOND: [0, 59, 'seconds 0 to 59'],
  BYSETPOS: [-366, 366, 'positions such as 1 or -1'],
};
// Nothing finer than hourly: a secretary's updates never need it, and a minutely rule that
// matches no date would cost millions of steps to prove so.
const FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'];
const DAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const EXAMPLE = 'e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0';
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** The most days each month ever has (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function numbers(value: string): number[] | undefined {
  const list = value.split(',').map((v) => (/^[+-]?\d{1,4}$/.test(v) ? Number(v) : NaN));
  return list.some(Number.isNaN) ? undefined : list;
}

/** The first problem of an RRULE's text, or undefined; `never` cases are left to the caller. */
export function rruleTextProblem(expression: string): string | undefined {
  const text = expression.trim().replace(/^RRULE:/i, '');
  const parts = new Map<string, string>();
  for (const part of text.split(';').filter((p) => p.trim() !== '')) {
    const [rawKey, value, ...rest] = part.split('=');
    const key = (rawKey ?? '').trim().toUpperCase();
    if (value === undefined || rest.length || value.trim() === '')
      return `This rule has a part "${part}" that is not NAME=VALUE; write it like ${EXAMPLE}.`;
    if (key === 'DTSTART' || key === 'COUNT' || key === 'UNTIL')
      return `This rule must not contain ${key}: set the schedule’s start, count or end instead.`;
    if (key !== 'FREQ' && key !== 'BYDAY' && key !== 'WKST' && !(key in RRULE_RANGES))
      return `This rule has a part "${key}" that sitedesk does not know; use FREQ, INTERVAL, BYDAY, BYMONTH, BYMONTHDAY, BYHOUR and BYMINUTE, ${EXAMPLE}.`;
    if (parts.has(key)) return `This rule names ${key} twice; give it once.`;
    parts.set(key, value.trim().toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return `This rule needs FREQ (how often), ${EXAMPLE}.`;
  if (!FREQUENCIES.includes(freq))
    return `This rule has FREQ=${freq}; use YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY.`;
  for (const key of ['BYDAY', 'WKST']) {
    const days = parts.get(key)?.split(',');
    const bad = days?.find((d) => !DAY.test(d) || (key === 'WKST' && !/^[A-Z]{2}$/.test(d)));
    if (bad !== undefined)
      return `This rule has ${key}=${parts.get(key)}; "${bad}" is not a day: use MO, TU, WE, TH, FR, SA or SU.`;
  }
  for (const [key, [min, max, words]] of Object.entries(RRULE_RANGES)) {
    const value = parts.get(key);
    if (value === undefined) continue;
    const list = numbers(value);
    const bad = list?.find((n) => n < min || n > max || (n === 0 && min < 0));
    if (!list || bad !== undefined) return `This rule has ${key}=${value}; it takes ${words}.`;
  }
  return undefined;
}

/** Why an RRULE that parsed never comes round, when its month and day cannot meet. */
export function impossibleDate(expression: string): string | undefined {
  const text = expression.trim().replace(/^RRULE:/i, '');
  const value = (key: string) =>
    text
      .split(';')
      .map((p) => p.split('='))
      .find(([k]) => k?.trim().toUpperCase() === key)?.[1];
  const months = numbers(value('BYMONTH') ?? '');
  const days = numbers(value('BYMONTHDAY') ?? '')?.filter((d) => d > 0);
  if (!months?.length || !days?.length) return undefined;
  const month = months[0] ?? 1;
  const day = Math.min(...days);
  if (months.some((m) => days.some((d) => d <= (MONTH_DAYS[m - 1] ?? 31)))) return undefined;
  return `This rule never comes round: ${MONTHS[month - 1]} never has a day ${day}. Choose a day the month has.`;
}

/** The sentence when an otherwise well-formed rule has no date at all. */
export const NEVER =
  'This rule never comes round: no date in the calendar matches all of its parts. Check the month and the day.';

/** The five cron fields, with their names and ranges (day-of-week 0 and 7 are Sunday). */
const CRON_FIELDS: readonly [string, number, number, RegExp?][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of the month', 1, 31],
  ['month', 1, 12, /^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)$/i],
  ['day of the week', 0, 7, /^(SUN|MON|TUE|WED|THU|FRI|SAT)$/i],
];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const CRON_EXAMPLE = 'e.g. "0 9 * * 1" for Mondays at 9:00';

function cronTermProblem(term: string, min: number, max: number, names?: RegExp): boolean {
  const [range, step, ...more] = term.split('/');
  if (more.length || range === undefined || range === '') return true;
  if (step !== undefined && !(/^\d{1,2}$/.test(step) && Number(step) >= 1)) return true;
  if (range === '*') return false;
  const ends = range.split('-');
  if (ends.length > 2) return true;
  return ends.some((end) =>
    names?.test(end) ? false : !/^\d{1,2}$/.test(end) || Number(end) < min || Number(end) > max,
  );
}

/** The first problem of a five-field cron line, or undefined. */
export function cronTextProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return `This cron line has ${fields.length} field${fields.length === 1 ? '' : 's'}; it needs five (minute, hour, day of the month, month, day of the week), ${CRON_EXAMPLE}.`;
  for (const [i, [name, min, max, names]] of CRON_FIELDS.entries()) {
    const field = fields[i] ?? '';
    if (field.split(',').some((term) => cronTermProblem(term, min, max, names)))
      return `This cron line’s ${ORDINALS[i]} field (the ${name}) is "${field}"; it takes ${min} to ${max}, * for every, a range like ${min}-${Math.min(max, min + 4)} or a list like ${min},${min + 1}.`;
  }
  return undefined;
}

/** The sentence when a cron line that parsed never comes round (e.g. "0 9 30 2 *"). */
export const CRON_NEVER =
  'This cron line never comes round: no date in the calendar matches its day and month. Choose a day the month has.';

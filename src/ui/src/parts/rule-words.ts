import type { Schedule } from '../api/types.js';
import type { I18n } from '../i18n/i18n.js';

const RR_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Weekday names in the user's language, Monday first (2024-01-01 was a Monday). */
export function weekdayNames(lang: string): string[] {
  const f = new Intl.DateTimeFormat(lang === 'cs' ? 'cs-CZ' : 'en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  return RR_DAYS.map((_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** The RRULE day codes, Monday first. */
export const rruleDays = RR_DAYS;

function time(hour: string | undefined, minute: string | undefined): string | undefined {
  if (hour === undefined || !/^\d{1,2}$/.test(hour)) return undefined;
  const m = minute !== undefined && /^\d{1,2}$/.test(minute) ? minute : '0';
  return `${Number(hour)}:${m.padStart(2, '0')}`;
}

/**
 * A rule in plain words ("Every week on Monday at 8:00, Europe/Prague time") for the common
 * shapes — weekly, daily, monthly RRULEs and simple cron lines; anything else is shown as written.
 */
export function ruleInWords(
  rule: Schedule['rule'],
  zone: string,
  i18n: Pick<I18n, 't' | 'lang'>,
): string {
  const { t } = i18n;
  const names = weekdayNames(i18n.lang);
  let freq: string | undefined;
  let days: string[] = [];
  let at: string | undefined;
  if (rule.kind === 'rrule') {
    const parts = Object.fromEntries(
      rule.expression
        .replace(/^RRULE:/i, '')
        .split(';')
        .map((p) => p.split('=') as [string, string]),
    ) as Record<string, string | undefined>;
    if (parts.INTERVAL && parts.INTERVAL !== '1') return rule.expression;
    freq = parts.FREQ;
    days = (parts.BYDAY ?? '').split(',').filter(Boolean);
    at = time(parts.BYHOUR, parts.BYMINUTE);
  } else {
    const [minute, hour, dom, month, dow] = rule.expression.trim().split(/\s+/);
    if (dom !== '*' || month !== '*') return rule.expression;
    at = time(hour, minute);
    if (dow === '*') freq = 'DAILY';
    else if (dow && /^[0-7](,[0-7])*$/.test(dow)) {
      freq = 'WEEKLY';
      days = dow.split(',').map((d) => RR_DAYS[(Number(d) + 6) % 7] ?? 'MO');
    }
  }
  if (!at) return rule.expression;
  const dayNames = days
    .map((d) => names[RR_DAYS.indexOf(d as (typeof RR_DAYS)[number])] ?? d)
    .join(', ');
  const sentence =
    freq === 'DAILY'
      ? t('ruleDaily', { time: at })
      : freq === 'WEEKLY' && days.length
        ? t('ruleWeekly', { days: dayNames, time: at })
        : undefined;
  return sentence ? `${sentence}, ${t('ruleZone', { zone })}` : rule.expression;
}

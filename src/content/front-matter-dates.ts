/**
 * Date styles in front matter. When a date field changes, the new value is written in the
 * style the file already used (`2024-03-01`, `2024-03-01T09:00:00+01:00`,
 * `2024-03-01 09:00:00 +0100`, …) and in the same UTC offset, so an edit by sitedesk looks
 * like an edit by the person who wrote the file.
 */

/** How a date was written: the parts a rewrite keeps. */
export interface DateStyle {
  /** Only `YYYY-MM-DD`. */
  dateOnly: boolean;
  /** Between date and time: `T` or a space. */
  separator: 'T' | ' ';
  seconds: boolean;
  /** Digits of the fraction of a second (0 = none). */
  fractionDigits: number;
  /** `Z`, `+01:00`, `+0100`, or none (a local time). */
  offset:
    | { kind: 'z' }
    | { kind: 'colon' | 'plain'; minutes: number; spaced: boolean }
    | { kind: 'none' };
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:([Tt ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(\s*)(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** The style of `text` when it looks like a date, else undefined. */
export function detectDateStyle(text: string): DateStyle | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  if (m[4] === undefined) {
    return {
      dateOnly: true,
      separator: 'T',
      seconds: false,
      fractionDigits: 0,
      offset: { kind: 'none' },
    };
  }
  const zone = m[10];
  let offset: DateStyle['offset'] = { kind: 'none' };
  if (zone === 'Z' || zone === 'z') offset = { kind: 'z' };
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    offset = { kind: zone.includes(':') ? 'colon' : 'plain', minutes, spaced: (m[9] ?? '') !== '' };
  }
  return {
    dateOnly: false,
    separator: m[4] === ' ' ? ' ' : 'T',
    seconds: m[7] !== undefined,
    fractionDigits: m[8]?.length ?? 0,
    offset,
  };
}

/** True when `value` is a string written like a date. */
export function looksLikeDate(value: unknown): value is string {
  return typeof value === 'string' && detectDateStyle(value) !== undefined;
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/**
 * `date` written in `style`. A date-only style gives the calendar day at the style's offset
 * (UTC when it has none); a local-time style (no offset) is written in UTC.
 */
export function formatDate(date: Date, style: DateStyle): string {
  const offsetMinutes =
    style.offset.kind === 'colon' || style.offset.kind === 'plain' ? style.offset.minutes : 0;
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const day = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  if (style.dateOnly) return day;
  let time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
  if (style.seconds) time += `:${pad(shifted.getUTCSeconds())}`;
  if (style.seconds && style.fractionDigits > 0) {
    time += `.${pad(shifted.getUTCMilliseconds(), 3).padEnd(style.fractionDigits, '0').slice(0, style.fractionDigits)}`;
  }
  let zone = '';
  if (style.offset.kind === 'z') zone = 'Z';
  else if (style.offset.kind !== 'none') {
    const sign = offsetMinutes < 0 ? '-' : '+';
    const hh = pad(Math.trunc(Math.abs(offsetMinutes) / 60));
    const mm = pad(Math.abs(offsetMinutes) % 60);
    zone = `${style.offset.spaced ? ' ' : ''}${sign}${hh}${style.offset.kind === 'colon' ? ':' : ''}${mm}`;
  }
  return `${day}${style.separator}${time}${zone}`;
}

/** RFC 3339 in UTC without milliseconds (`2024-03-01T08:00:00Z`): the style for new files. */
export const RFC3339_UTC: DateStyle = {
  dateOnly: false,
  separator: 'T',
  seconds: true,
  fractionDigits: 0,
  offset: { kind: 'z' },
};

/**
 * Meeting times in words, on the wall clock of a zone (the client's), with Intl alone: the
 * formatters are made once per language, zone and shape (making one costs far more than using it).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: string, zone: string, shape: 'day' | 'clock' | 'date'): Intl.DateTimeFormat {
  const key = `${lang} ${zone} ${shape}`;
  let f = formats.get(key);
  if (!f) {
    const locale = shape === 'date' ? 'en-CA' : lang === 'cs' ? 'cs-CZ' : 'en-GB';
    f = new Intl.DateTimeFormat(
      locale,
      shape === 'day'
        ? { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }
        : shape === 'clock'
          ? { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
          : { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' },
    );
    formats.set(key, f);
  }
  return f;
}

/** "Tue 13 Oct" / "út 13. 10." in `zone`. */
export function dayLabel(iso: string, zone: string, lang: string): string {
  return format(lang, zone, 'day').format(new Date(iso));
}

/** "10:00" in `zone`. */
export function clock(iso: string, zone: string, lang: string): string {
  return format(lang, zone, 'clock').format(new Date(iso));
}

/** The local day `YYYY-MM-DD` of an instant in `zone` (to group slots by day). */
export function localDate(iso: string, zone: string): string {
  return format('en', zone, 'date').format(new Date(iso));
}

/** "Tue 13 Oct 10:00–11:00" in `zone`. */
export function span(m: { start: string; end: string }, zone: string, lang: string): string {
  return `${dayLabel(m.start, zone, lang)} ${clock(m.start, zone, lang)}–${clock(m.end, zone, lang)}`;
}

/** Whether `zone` is a time zone this browser knows (a half-typed one is not). */
export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The browser's own zone (the secretary's), to show her time beside the client's when they differ. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

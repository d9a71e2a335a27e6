// A datetime-local field holds a wall-clock time without a zone; the secretary types the
// client's time (issue 8: "times in the client's timezone"), so these convert between that
// wall-clock text and an instant with Intl alone (no time-zone library in the bundle).

const pad = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock parts of instant `ms` in `zone`, as a UTC timestamp of the same digits. */
function wallClockMs(ms: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** An instant as `YYYY-MM-DDTHH:mm` on the wall clock of `zone` (for a datetime-local field). */
export function isoToLocalInput(iso: string | null | undefined, zone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(wallClockMs(ms, zone));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * `YYYY-MM-DDTHH:mm` read on the wall clock of `zone` → ISO-8601 UTC; undefined when empty or
 * not a date. In the hour a clock skips, the time after the jump is taken.
 */
export function localInputToIso(local: string, zone: string): string | undefined {
  const m = /^(\d{4,6})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at a first guess, then again at the result (it differs across DST).
  let at = wall - (wallClockMs(wall, zone) - wall);
  at = wall - (wallClockMs(at, zone) - at);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

/** What a typed field holds: a date and a time, a date, or a time of day. */
export type TypedMode = 'datetime' | 'date' | 'time';

/**
 * The field's value (`YYYY-MM-DDTHH:mm`, `YYYY-MM-DD` or `HH:mm`, as the native inputs had it)
 * as the app's language writes it: `12/03/2031 09:30` in English (day first, as en-GB),
 * `12. 3. 2031 9:30` in Czech. A value that is not one of those shapes is shown as it is.
 */
export function formatTyped(value: string, mode: TypedMode, lang: 'en' | 'cs'): string {
  if (!value) return '';
  const m = /^(?:(\d{4,6})-(\d{2})-(\d{2}))?T?(?:(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi] = m;
  const date =
    y && mo && d ? (lang === 'cs' ? `${Number(d)}. ${Number(mo)}. ${y}` : `${d}/${mo}/${y}`) : '';
  const time = h && mi ? (lang === 'cs' ? `${Number(h)}:${mi}` : `${h}:${mi}`) : '';
  if (mode === 'date') return date || value;
  if (mode === 'time') return time || value;
  return date && time ? `${date} ${time}` : value;
}

/**
 * What she typed → the field's value; undefined when it is not a date (and time) of that
 * mode. Takes the day first, with `/`, `.`, `-` or spaces between the parts (`12/3/2031`,
 * `12. 3. 2031`), or an ISO date (`2031-03-12`); the time as `9:30` or `9.30`, 24-hour.
 */
export function parseTyped(text: string, mode: TypedMode): string | undefined {
  const s = text.trim();
  const datePart =
    mode === 'time'
      ? ''
      : String.raw`(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]?\s*(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})`;
  const timePart = mode === 'date' ? '' : String.raw`(\d{1,2})\s*[:.]\s*(\d{2})`;
  const re = new RegExp(
    `^${datePart ? `(?:${datePart})` : ''}${datePart && timePart ? String.raw`(?:\s+|\s*,\s*|T)` : ''}${timePart ? `(?:${timePart})` : ''}$`,
  );
  const m = re.exec(s);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i]);
  const pad2 = (x: number): string => String(x).padStart(2, '0');
  let date = '';
  if (mode !== 'time') {
    const [d, mo, y] = m[1] ? [n(1), n(2), n(3)] : [n(6), n(5), n(4)];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
    date = `${y}-${pad2(mo)}-${pad2(d)}`;
  }
  let time = '';
  if (mode !== 'date') {
    const at = mode === 'time' ? 1 : 7;
    const [h, mi] = [n(at), n(at + 1)];
    if (h > 23 || mi > 59) return undefined;
    time = `${pad2(h)}:${pad2(mi)}`;
  }
  return mode === 'datetime' ? `${date}T${time}` : mode === 'date' ? date : time;
}

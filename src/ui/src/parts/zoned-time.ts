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

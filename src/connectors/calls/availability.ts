/**
 * Whether a client can be reached at a moment, read on their own wall clock (so hours stay
 * 09:00–17:00 across DST changes), and when they can be reached next.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, minutesOf, type Availability } from './schemas.js';

/** The answer for one moment. */
export type Reachability =
  | { state: 'available'; until: number; range: string }
  | { state: 'outside-hours'; next: number | undefined }
  | { state: 'unreachable'; until: number; reason: string | undefined; next: number | undefined };

/** How far ahead `next` is looked for, in days. */
const LOOKAHEAD_DAYS = 21;

/** `Mon 2 Mar 09:00` in the client's timezone. */
export function formatLocal(epochMs: number, timezone: string): string {
  return DateTime.fromMillis(epochMs, { zone: timezone }).toFormat('ccc d LLL HH:mm');
}

/** The instant a wall-clock time on a local date happens (a time in a DST gap moves forward). */
function atLocal(day: DateTime, time: string): number {
  if (time === '24:00') return day.startOf('day').plus({ days: 1 }).toMillis();
  const minutes = minutesOf(time);
  return day
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
    .toMillis();
}

/** The weekly ranges of the local day of `day`, as instants. */
function rangesOn(
  availability: Availability,
  day: DateTime,
): { from: number; to: number; label: string }[] {
  const key = WEEKDAYS[day.weekday - 1]!;
  return availability.weekly[key].map((r) => ({
    from: atLocal(day, r.from),
    to: atLocal(day, r.to),
    label: `${r.from}–${r.to}`,
  }));
}

function unreachableAt(availability: Availability, at: number) {
  return availability.unreachable.find((p) => Date.parse(p.from) <= at && at < Date.parse(p.to));
}

/** The first moment at or after `after` that is within hours and not unreachable. */
export function nextAvailable(availability: Availability, after: number): number | undefined {
  const start = DateTime.fromMillis(after, { zone: availability.timezone }).startOf('day');
  for (let d = 0; d < LOOKAHEAD_DAYS; d++) {
    const day = start.plus({ days: d });
    for (const range of rangesOn(availability, day).sort((a, b) => a.from - b.from)) {
      let candidate = Math.max(range.from, after);
      // Step past unreachable periods that cover the candidate (they may chain).
      for (
        let period = unreachableAt(availability, candidate);
        period;
        period = unreachableAt(availability, candidate)
      ) {
        candidate = Date.parse(period.to);
      }
      if (candidate < range.to) return candidate;
    }
  }
  return undefined;
}

/** Whether the client can be reached at `at` (epoch ms). */
export function reachability(availability: Availability, at: number): Reachability {
  const period = unreachableAt(availability, at);
  if (period) {
    return {
      state: 'unreachable',
      until: Date.parse(period.to),
      reason: period.reason,
      next: nextAvailable(availability, at),
    };
  }
  const local = DateTime.fromMillis(at, { zone: availability.timezone });
  // Yesterday's ranges cannot reach into today (a range ends by 24:00), so today's are enough.
  const range = rangesOn(availability, local).find((r) => r.from <= at && at < r.to);
  if (range) return { state: 'available', until: range.to, range: range.label };
  return { state: 'outside-hours', next: nextAvailable(availability, at) };
}

/**
 * Free slots: the starts in the client's working hours (their own zone, each day built from the
 * local wall clock, so a DST change moves nothing the client sees) where a meeting of the asked
 * length fits with the buffer kept around every busy time, from the notice on, up to the days
 * ahead the rules allow. Pure: time and busy times come in, so tests use a fake clock.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, type MeetingRules } from './rules.js';

/** A busy time, epoch ms, end exclusive. */
export interface Busy {
  start: number;
  end: number;
  uid?: string;
}

/** A free slot, epoch ms. */
export interface Slot {
  start: number;
  end: number;
}

/** What findSlots needs. */
export interface SlotQuery {
  rules: MeetingRules;
  /** The client's IANA zone. */
  zone: string;
  busy: readonly Busy[];
  /** Now, epoch ms (the injected clock). */
  now: number;
  lengthMinutes: number;
  /** At most this many slots (default 20). */
  limit?: number;
  /** Look from here on (epoch ms; default now). */
  from?: number;
  /** Busy times of this UID do not count (a meeting being moved does not block itself). */
  ignoreUid?: string;
}

const MINUTE = 60_000;

/** The window a booking must fall into: [earliest, latest). */
export function bookingWindow(
  rules: MeetingRules,
  now: number,
): { earliest: number; latest: number } {
  return {
    earliest: now + rules.noticeMinutes * MINUTE,
    latest: now + rules.aheadDays * 86_400_000,
  };
}

/** The next free slots, earliest first. */
export function findSlots(query: SlotQuery): Slot[] {
  const { rules, zone } = query;
  const limit = query.limit ?? 20;
  const length = query.lengthMinutes * MINUTE;
  const { earliest, latest } = bookingWindow(rules, query.now);
  const from = Math.max(earliest, query.from ?? earliest);
  const blocked = merge(query.busy, rules.bufferMinutes * MINUTE, query.ignoreUid);
  const slots: Slot[] = [];
  let day = DateTime.fromMillis(from, { zone }).startOf('day');
  while (slots.length < limit && day.toMillis() < latest) {
    for (const hours of rules.hours[WEEKDAYS[day.weekday - 1]!]) {
      for (const start of starts(day, hours, rules.stepMinutes, zone)) {
        const end = start + length;
        if (end > windowEnd(day, hours.to, zone)) break;
        if (start < from || end > latest) continue;
        if (overlaps(blocked, start, end)) continue;
        slots.push({ start, end });
        if (slots.length >= limit) return slots;
      }
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return slots;
}

/** Whether [start, end) fits the rules' hours on its local day (for a booking typed by hand). */
export function withinHours(
  rules: MeetingRules,
  zone: string,
  start: number,
  end: number,
): boolean {
  const day = DateTime.fromMillis(start, { zone }).startOf('day');
  return rules.hours[WEEKDAYS[day.weekday - 1]!].some(
    (h) => start >= windowEnd(day, h.from, zone) && end <= windowEnd(day, h.to, zone),
  );
}

/** Whether [start, end) meets a busy time (with the buffer). */
export function isBusy(
  busy: readonly Busy[],
  bufferMinutes: number,
  start: number,
  end: number,
  ignoreUid?: string,
): boolean {
  return overlaps(merge(busy, bufferMinutes * MINUTE, ignoreUid), start, end);
}

function* starts(
  day: DateTime,
  hours: { from: string; to: string },
  step: number,
  zone: string,
): Generator<number> {
  const first = windowEnd(day, hours.from, zone);
  // Aligned to the local clock: 9:00, 9:30 … even when the window starts at 9:10.
  const local = DateTime.fromMillis(first, { zone });
  const offset = (step - ((local.hour * 60 + local.minute) % step)) % step;
  for (let t = first + offset * MINUTE; ; t += step * MINUTE) yield t;
}

/** The instant of local time `hhmm` on `day` in `zone` (a time in a DST gap moves forward). */
function windowEnd(day: DateTime, hhmm: string, zone: string): number {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone },
  ).toMillis();
}

/** Busy times widened by the buffer, merged into sorted disjoint intervals. */
function merge(busy: readonly Busy[], buffer: number, ignoreUid?: string): Slot[] {
  const sorted = busy
    .filter((b) => ignoreUid === undefined || b.uid !== ignoreUid)
    .map((b) => ({ start: b.start - buffer, end: b.end + buffer }))
    .sort((a, b) => a.start - b.start);
  const out: Slot[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push({ ...b });
  }
  return out;
}

/** Whether [start, end) meets one of the disjoint sorted intervals (binary search). */
function overlaps(intervals: readonly Slot[], start: number, end: number): boolean {
  let low = 0;
  let high = intervals.length;
  // The first interval that ends after `start`.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (intervals[middle]!.end <= start) low = middle + 1;
    else high = middle;
  }
  const next = intervals[low];
  return next !== undefined && next.start < end;
}

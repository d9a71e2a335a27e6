/**
 * Busy times from the events of a calendar, for servers without a free-busy REPORT (Radicale,
 * several hosted ones): each VEVENT is read with ical.js, recurring ones are expanded with their
 * exceptions (RECURRENCE-ID overrides, EXDATE), and every time becomes an instant:
 * - a TZID that is an IANA zone is converted by luxon (its rules, not the file's, decide DST);
 * - another TZID by the file's own VTIMEZONE (ical.js), else as the client's zone;
 * - UTC times stay UTC; floating times and all-day dates are the client's local time
 *   (an all-day event blocks the client's whole day).
 * Cancelled and transparent ("free") events block nothing.
 */
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';

/** One busy interval, epoch ms, end exclusive. */
export interface BusyInterval {
  start: number;
  end: number;
  /** The UID of the event (so a meeting can ignore its own event when it moves). */
  uid: string;
}

/** Most occurrences read from one recurring event: bounds a runaway rule. */
const MAX_OCCURRENCES = 20_000;

/** The busy intervals of `objects` (iCalendar texts) that overlap [start, end). */
export function busyIntervals(
  objects: readonly string[],
  range: { start: number; end: number },
  clientZone: string,
): BusyInterval[] {
  const busy: BusyInterval[] = [];
  for (const data of objects) {
    let calendar: ICAL.Component;
    try {
      calendar = new ICAL.Component(ICAL.parse(data));
    } catch {
      continue; // one broken object must not hide every other busy time
    }
    const zones = new Map<string, ICAL.Timezone>();
    for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
      const tzid = String(vtz.getFirstPropertyValue('tzid') ?? '');
      if (tzid) zones.set(tzid, new ICAL.Timezone({ component: vtz, tzid }));
    }
    const convert = (time: ICAL.Time, tzid: string | undefined): number =>
      toInstant(time, tzid, zones, clientZone);
    const vevents = calendar.getAllSubcomponents('vevent');
    const masters = vevents.filter((v) => !v.hasProperty('recurrence-id'));
    for (const master of masters) {
      const event = new ICAL.Event(master);
      const uid = event.uid ?? '';
      for (const exception of vevents) {
        if (
          exception !== master &&
          exception.hasProperty('recurrence-id') &&
          exception.getFirstPropertyValue('uid') === uid
        ) {
          event.relateException(exception);
        }
      }
      if (!event.isRecurring()) {
        if (blocks(master))
          push(busy, master, event.startDate, endOf(master, event), convert, range, uid);
        continue;
      }
      const iterator = event.iterator();
      for (
        let i = 0, next = iterator.next();
        next && i < MAX_OCCURRENCES;
        i++, next = iterator.next()
      ) {
        const details = event.getOccurrenceDetails(next);
        const item = details.item.component;
        const startTzid = tzidOf(item, 'dtstart') ?? tzidOf(master, 'dtstart');
        const from = convert(details.startDate, startTzid);
        if (from >= range.end) break;
        if (!blocks(item)) continue;
        const endTzid = tzidOf(item, 'dtend') ?? startTzid;
        const to =
          details.endDate.isDate || details.startDate.isDate
            ? convert(details.endDate, undefined)
            : convert(details.endDate, endTzid);
        add(busy, from, Math.max(to, from), uid, range);
      }
    }
    // An exception whose master is not in this object (a server may store them apart).
    for (const orphan of vevents.filter((v) => v.hasProperty('recurrence-id'))) {
      const uid = String(orphan.getFirstPropertyValue('uid') ?? '');
      if (masters.some((m) => m.getFirstPropertyValue('uid') === uid)) continue;
      const event = new ICAL.Event(orphan);
      if (blocks(orphan))
        push(busy, orphan, event.startDate, endOf(orphan, event), convert, range, uid);
    }
  }
  return busy.sort((a, b) => a.start - b.start);
}

function push(
  busy: BusyInterval[],
  component: ICAL.Component,
  start: ICAL.Time,
  end: ICAL.Time,
  convert: (time: ICAL.Time, tzid: string | undefined) => number,
  range: { start: number; end: number },
  uid: string,
): void {
  const startTzid = tzidOf(component, 'dtstart');
  const from = convert(start, startTzid);
  const to = convert(end, start.isDate ? undefined : (tzidOf(component, 'dtend') ?? startTzid));
  add(busy, from, Math.max(to, from), uid, range);
}

function add(
  busy: BusyInterval[],
  start: number,
  end: number,
  uid: string,
  range: { start: number; end: number },
): void {
  // A zero-length event (a reminder at 10:00) blocks nothing.
  if (end <= start || end <= range.start || start >= range.end) return;
  busy.push({ start, end, uid });
}

/** DTEND, else DTSTART + DURATION, else one day for an all-day event and nothing otherwise. */
function endOf(component: ICAL.Component, event: ICAL.Event): ICAL.Time {
  if (component.hasProperty('dtend') || component.hasProperty('duration')) return event.endDate;
  const end = event.startDate.clone();
  if (end.isDate) end.adjust(1, 0, 0, 0);
  return end;
}

/** Whether an event takes time: not cancelled, not marked free (TRANSP:TRANSPARENT). */
function blocks(component: ICAL.Component): boolean {
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  const transp = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase();
  return status !== 'CANCELLED' && transp !== 'TRANSPARENT';
}

function tzidOf(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstProperty(name)?.getParameter('tzid');
  return typeof value === 'string' && value ? value : undefined;
}

/** Epoch ms of a parsed time, read as described at the top of this file. */
export function toInstant(
  time: ICAL.Time,
  tzid: string | undefined,
  zones: ReadonlyMap<string, ICAL.Timezone>,
  clientZone: string,
): number {
  const fields = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
  };
  if (!time.isDate && time.zone?.tzid === 'UTC') {
    return DateTime.fromObject(fields, { zone: 'utc' }).toMillis();
  }
  if (!time.isDate && tzid) {
    const iana = ianaName(tzid);
    if (iana) return DateTime.fromObject(fields, { zone: iana }).toMillis();
    const own = zones.get(tzid);
    if (own) {
      const local = time.clone();
      return DateTime.fromObject(fields, { zone: 'utc' }).toMillis() - own.utcOffset(local) * 1000;
    }
  }
  return DateTime.fromObject(fields, { zone: clientZone }).toMillis();
}

/** The IANA zone a TZID names ("Europe/Prague", "/mozilla.org/…/Europe/Prague"), or undefined. */
function ianaName(tzid: string): string | undefined {
  if (IANAZone.isValidZone(tzid)) return tzid;
  const tail = tzid.match(/([A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/)?.[1];
  return tail && IANAZone.isValidZone(tail) ? tail : undefined;
}

/**
 * A VTIMEZONE for an IANA zone, built with ical.js from luxon's rules: one observance per offset
 * change in the years around the meeting (explicit DTSTARTs, no RRULE, so no guess about how a
 * government may change its rules later). Used as ical-generator's timezone generator, so the
 * written DTSTART;TZID=… always travels with the definition of its zone (RFC 5545 §3.6.5).
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';

const DAY = 86_400_000;

/** The VTIMEZONE text of `zone` covering [from − 1 year, from + 2 years]; null for an unknown zone. */
export function vtimezone(zone: string, around: number = Date.now()): string | null {
  if (!DateTime.now().setZone(zone).isValid) return null;
  const start = around - 365 * DAY;
  const end = around + 2 * 365 * DAY;
  const offsetAt = (ms: number): number => DateTime.fromMillis(ms, { zone }).offset;
  const component = new ICAL.Component('vtimezone');
  component.addPropertyWithValue('tzid', zone);
  let previous = offsetAt(start);
  let transitions = 0;
  for (let day = start; day < end; day += DAY) {
    const next = offsetAt(day + DAY);
    if (next === previous) continue;
    // The exact minute of the change, by halving the day.
    let low = day;
    let high = day + DAY;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 2);
      if (offsetAt(middle) === previous) low = middle;
      else high = middle;
    }
    component.addSubcomponent(observance(zone, high, previous, next));
    transitions++;
    previous = next;
  }
  if (transitions === 0) {
    // A zone without changes (UTC, Asia/Tokyo): one standard observance.
    component.addSubcomponent(observance(zone, Date.UTC(1970, 0, 1), previous, previous));
  }
  return component.toString();
}

function observance(zone: string, at: number, from: number, to: number): ICAL.Component {
  const isDaylight = from < to || DateTime.fromMillis(at, { zone }).isInDST;
  const part = new ICAL.Component(isDaylight && from !== to ? 'daylight' : 'standard');
  // DTSTART of an observance is the local time before the change (RFC 5545 §3.6.5).
  const local = DateTime.fromMillis(at, { zone: 'utc' }).plus({ minutes: from });
  part.addPropertyWithValue(
    'dtstart',
    ICAL.Time.fromData({
      year: local.year,
      month: local.month,
      day: local.day,
      hour: local.hour,
      minute: local.minute,
      second: 0,
      isDate: false,
    }),
  );
  part.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromSeconds(from * 60));
  part.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(to * 60));
  return part;
}

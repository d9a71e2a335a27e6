/**
 * Free slots from real iCalendar texts (ical.js expansion) and the client's rules, with a fake
 * clock: recurring events with exceptions, all-day and floating events, an event in another
 * zone, and the DST changes in Europe/Prague and America/New_York.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { busyIntervals } from '../../../../src/connectors/calendar/busy.js';
import { meetingRulesSchema } from '../../../../src/tasks/meetings/rules.js';
import { findSlots, isBusy, withinHours } from '../../../../src/tasks/meetings/slots.js';

const ics = (...lines: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (uid: string, ...lines: string[]): string[] => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:20260101T000000Z',
  ...lines,
  'END:VEVENT',
];
const local = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();
const show = (ms: number, zone: string): string =>
  DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');

const rules = meetingRulesSchema.parse({
  hours: {
    mon: [{ from: '09:00', to: '12:00' }],
    tue: [{ from: '09:00', to: '12:00' }],
    wed: [{ from: '09:00', to: '12:00' }],
    thu: [{ from: '09:00', to: '12:00' }],
    fri: [{ from: '09:00', to: '12:00' }],
  },
  lengths: [60],
  bufferMinutes: 0,
  noticeMinutes: 0,
  aheadDays: 14,
  stepMinutes: 60,
});

describe('free slots', () => {
  it('skips a daily event but not its cancelled day, and follows a moved one', () => {
    const zone = 'Europe/Prague';
    const objects = [
      ics(
        ...event(
          'daily',
          'DTSTART;TZID=Europe/Prague:20261012T090000',
          'DTEND;TZID=Europe/Prague:20261012T100000',
          'RRULE:FREQ=DAILY;COUNT=5',
          'EXDATE;TZID=Europe/Prague:20261013T090000',
        ),
        ...event(
          'daily',
          'RECURRENCE-ID;TZID=Europe/Prague:20261014T090000',
          'DTSTART;TZID=Europe/Prague:20261014T110000',
          'DTEND;TZID=Europe/Prague:20261014T120000',
        ),
      ),
    ];
    const now = local('2026-10-12T00:00', zone);
    const busy = busyIntervals(objects, { start: now, end: now + 5 * 86_400_000 }, zone);
    const slots = findSlots({ rules, zone, busy, now, lengthMinutes: 60, limit: 9 });
    expect(slots.map((s) => show(s.start, zone))).toEqual([
      'Mon 2026-10-12 10:00',
      'Mon 2026-10-12 11:00',
      'Tue 2026-10-13 09:00', // the cancelled occurrence
      'Tue 2026-10-13 10:00',
      'Tue 2026-10-13 11:00',
      'Wed 2026-10-14 09:00', // moved from 9:00 to 11:00
      'Wed 2026-10-14 10:00',
      'Thu 2026-10-15 10:00',
      'Thu 2026-10-15 11:00',
    ]);
  });

  it('an all-day event blocks the whole local day; a floating one is read in the client zone', () => {
    const zone = 'America/New_York';
    const objects = [
      ics(...event('holiday', 'DTSTART;VALUE=DATE:20261013', 'DTEND;VALUE=DATE:20261014')),
      ics(...event('floating', 'DTSTART:20261014T100000', 'DTEND:20261014T110000')),
    ];
    const now = local('2026-10-13T00:00', zone);
    const busy = busyIntervals(objects, { start: now, end: now + 3 * 86_400_000 }, zone);
    const slots = findSlots({ rules, zone, busy, now, lengthMinutes: 60, limit: 3 });
    expect(slots.map((s) => show(s.start, zone))).toEqual([
      'Wed 2026-10-14 09:00',
      'Wed 2026-10-14 11:00',
      'Thu 2026-10-15 09:00',
    ]);
  });

  it('converts an event in another zone (UTC and Tokyo) to the client zone', () => {
    const zone = 'Europe/Prague';
    const objects = [
      ics(...event('utc', 'DTSTART:20261012T070000Z', 'DTEND:20261012T080000Z')), // 9:00 Prague
      ics(
        ...event(
          'tokyo',
          'DTSTART;TZID=Asia/Tokyo:20261012T180000', // 11:00 Prague (CEST)
          'DURATION:PT1H',
        ),
      ),
    ];
    const now = local('2026-10-12T00:00', zone);
    const busy = busyIntervals(objects, { start: now, end: now + 86_400_000 }, zone);
    const slots = findSlots({ rules, zone, busy, now, lengthMinutes: 60, limit: 1 });
    expect(slots.map((s) => show(s.start, zone))).toEqual(['Mon 2026-10-12 10:00']);
    expect(busy.map((b) => show(b.start, zone))).toEqual([
      'Mon 2026-10-12 09:00',
      'Mon 2026-10-12 11:00',
    ]);
  });

  it.each([
    [
      'Europe/Prague',
      '2026-03-27T00:00',
      'Fri 2026-03-27',
      'Mon 2026-03-30',
      'RRULE:FREQ=WEEKLY;BYDAY=MO,FR',
    ],
    [
      'America/New_York',
      '2026-03-06T00:00',
      'Fri 2026-03-06',
      'Mon 2026-03-09',
      'RRULE:FREQ=WEEKLY;BYDAY=MO,FR',
    ],
    [
      'Europe/Prague',
      '2026-10-23T00:00',
      'Fri 2026-10-23',
      'Mon 2026-10-26',
      'RRULE:FREQ=WEEKLY;BYDAY=MO,FR',
    ],
    [
      'America/New_York',
      '2026-10-30T00:00',
      'Fri 2026-10-30',
      'Mon 2026-11-02',
      'RRULE:FREQ=WEEKLY;BYDAY=MO,FR',
    ],
  ])(
    'across the DST change in %s the hours stay 9–12 local',
    (zone, nowIso, friday, monday, rrule) => {
      const start = nowIso.slice(0, 10).replace(/-/g, '');
      const objects = [
        ics(
          ...event(
            'weekly',
            `DTSTART;TZID=${zone}:${start}T100000`,
            `DTEND;TZID=${zone}:${start}T110000`,
            rrule,
          ),
        ),
      ];
      const now = local(nowIso, zone);
      const busy = busyIntervals(objects, { start: now, end: now + 5 * 86_400_000 }, zone);
      const slots = findSlots({ rules, zone, busy, now, lengthMinutes: 60, limit: 4 });
      expect(slots.map((s) => show(s.start, zone))).toEqual([
        `${friday} 09:00`,
        `${friday} 11:00`,
        `${monday} 09:00`,
        `${monday} 11:00`,
      ]);
      // The offset really changed between the two days: the same local hour is another UTC hour.
      const utcHours = [slots[0]!, slots[2]!].map((s) => new Date(s.start).getUTCHours());
      expect(utcHours[0]).not.toBe(utcHours[1]);
    },
  );

  it('keeps the buffer, the notice and the days ahead', () => {
    const zone = 'Europe/Prague';
    const strict = {
      ...rules,
      bufferMinutes: 30,
      noticeMinutes: 150,
      aheadDays: 1,
      stepMinutes: 30 as const,
    };
    const objects = [
      ics(
        ...event(
          'a',
          'DTSTART;TZID=Europe/Prague:20261012T103000',
          'DTEND;TZID=Europe/Prague:20261012T110000',
        ),
      ),
    ];
    const now = local('2026-10-12T07:00', zone); // notice: nothing before 9:30
    const busy = busyIntervals(objects, { start: now, end: now + 2 * 86_400_000 }, zone);
    const slots = findSlots({ rules: strict, zone, busy, now, lengthMinutes: 30, limit: 10 });
    expect(slots.map((s) => show(s.start, zone))).toEqual([
      'Mon 2026-10-12 09:30', // ends 10:00, the buffer reaches to 10:00
      'Mon 2026-10-12 11:30',
      // Tuesday 9:00 is 26 h ahead: beyond one day
    ]);
  });

  it('checks a single booking: hours, busy with buffer, its own event ignored', () => {
    const zone = 'Europe/Prague';
    const start = local('2026-10-12T10:00', zone);
    expect(withinHours(rules, zone, start, start + 3_600_000)).toBe(true);
    expect(withinHours(rules, zone, start + 7_200_000, start + 3 * 3_600_000)).toBe(false);
    const busy = [{ start: start + 3_600_000, end: start + 7_200_000, uid: 'me' }];
    expect(isBusy(busy, 15, start, start + 3_600_000)).toBe(true);
    expect(isBusy(busy, 0, start, start + 3_600_000)).toBe(false);
    expect(isBusy(busy, 15, start, start + 3_600_000, 'me')).toBe(false);
  });
});

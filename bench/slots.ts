/**
 * `npm run bench:slots`: free slots for a client whose calendar holds 2,000 events in the
 * 30 days looked at (single events in three zones, all-day ones, and weekly recurring ones
 * with exceptions), on a real Radicale started as the tests start it. Prints the time of
 * - reading the events (calendar-query REPORT) and expanding them into busy times, and
 * - computing the next 20 free slots from them,
 * each as the median of 5 runs. BENCH_SLOT_EVENTS changes the number of events.
 */
import { DateTime } from 'luxon';
import {
  createCalendarConnector,
  parseCalendarSettings,
} from '../src/connectors/calendar/index.js';
import { vtimezone } from '../src/connectors/calendar/vtimezone.js';
import { createMemorySecretStore } from '../src/secrets/memory-store.js';
import { meetingRulesSchema } from '../src/tasks/meetings/rules.js';
import { findSlots } from '../src/tasks/meetings/slots.js';
import { startCalDavServer } from '../test/env/caldav/radicale.js';

const EVENTS = Number(process.env.BENCH_SLOT_EVENTS ?? 2_000);
const ZONE = 'Europe/Prague';
const NOW = Date.parse('2026-10-12T06:00:00Z');
const DAYS = 30;
const RUNS = 5;

const stamp = 'DTSTAMP:20260101T000000Z';
// As calendar programs write them: a TZID comes with its VTIMEZONE (Radicale refuses a
// recurring event without one).
const zoneText = new Map(
  ['Europe/Prague', 'America/New_York'].map((z) => [z, vtimezone(z, NOW)!.trim()]),
);
const wrap = (lines: string[], zone?: string): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bench//EN',
    ...(zone ? [zoneText.get(zone)!] : []),
    ...lines,
    'END:VCALENDAR',
    '',
  ].join('\r\n');

/** Event `i`: mostly single events spread over the 30 days, some all-day, some weekly. */
function eventText(i: number): string {
  const start = DateTime.fromMillis(NOW, { zone: ZONE })
    .plus({ minutes: Math.floor((i * 7919) % (DAYS * 24 * 60)) })
    .set({ second: 0, millisecond: 0 });
  const local = (d: DateTime) => d.toFormat("yyyyLLdd'T'HHmmss");
  if (i % 50 === 0) {
    return wrap(
      [
        'BEGIN:VEVENT',
        `UID:allday-${i}`,
        stamp,
        `DTSTART;VALUE=DATE:${start.toFormat('yyyyLLdd')}`,
        'END:VEVENT',
      ],
      ZONE,
    );
  }
  if (i % 20 === 0) {
    return wrap(
      [
        'BEGIN:VEVENT',
        `UID:weekly-${i}`,
        stamp,
        `DTSTART;TZID=${ZONE}:${local(start.minus({ weeks: 10 }))}`,
        `DTEND;TZID=${ZONE}:${local(start.minus({ weeks: 10 }).plus({ minutes: 30 }))}`,
        'RRULE:FREQ=WEEKLY;COUNT=20',
        `EXDATE;TZID=${ZONE}:${local(start.plus({ weeks: 1 }))}`,
        'END:VEVENT',
      ],
      ZONE,
    );
  }
  const zone = i % 3 === 0 ? 'America/New_York' : i % 3 === 1 ? 'UTC' : ZONE;
  const there = start.setZone(zone);
  const dt =
    zone === 'UTC'
      ? `DTSTART:${there.toFormat("yyyyLLdd'T'HHmmss'Z'")}`
      : `DTSTART;TZID=${zone}:${local(there)}`;
  return wrap(
    ['BEGIN:VEVENT', `UID:single-${i}`, stamp, dt, 'DURATION:PT45M', 'END:VEVENT'],
    zone === 'UTC' ? undefined : zone,
  );
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startCalDavServer();
try {
  const calendarUrl = await server.makeCalendar('alice', 'Work');
  const filling = Date.now();
  for (let i = 0; i < EVENTS; i += 16) {
    await Promise.all(
      Array.from({ length: Math.min(16, EVENTS - i) }, (_, k) =>
        server.put('alice', calendarUrl, `e${i + k}.ics`, eventText(i + k)),
      ),
    );
  }
  console.log(
    `filled the calendar with ${EVENTS} events in ${Date.now() - filling} ms (not part of the figures)`,
  );
  const calendar = createCalendarConnector(
    parseCalendarSettings({ id: 'bench', url: server.url, username: 'alice', calendar: 'Work' }),
    { secrets: createMemorySecretStore({ 'calendar:bench': server.users[0]!.password }) },
  );
  const rules = meetingRulesSchema.parse({ aheadDays: DAYS, noticeMinutes: 0, bufferMinutes: 15 });
  const read: number[] = [];
  const compute: number[] = [];
  let busyCount = 0;
  let slotCount = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const busy = await calendar.busy({ start: NOW, end: NOW + DAYS * 86_400_000 }, ZONE);
    const t1 = performance.now();
    const slots = findSlots({ rules, zone: ZONE, busy, now: NOW, lengthMinutes: 30, limit: 20 });
    const t2 = performance.now();
    read.push(t1 - t0);
    compute.push(t2 - t1);
    busyCount = busy.length;
    slotCount = slots.length;
  }
  console.log(
    `events in range: ${EVENTS}, busy times after expansion: ${busyCount}, slots found: ${slotCount}`,
  );
  console.log(
    `read + expand (REPORT, ical.js): median ${median(read).toFixed(1)} ms of ${RUNS} runs`,
  );
  console.log(
    `free slots from busy times:      median ${median(compute).toFixed(2)} ms of ${RUNS} runs`,
  );
  console.log(
    `total per slot list:             median ${median(read.map((r, i) => r + compute[i]!)).toFixed(1)} ms`,
  );
} finally {
  await server.dispose();
}

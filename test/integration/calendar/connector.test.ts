/**
 * The calendar connector against a real Radicale (test/env/caldav): verify() causes, writing a
 * meeting by its UID (twice is still one event), busy times read back from events another
 * program wrote (recurring with an exception, all-day, another zone).
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCalendarConnector,
  parseCalendarSettings,
  type CalendarSettings,
} from '../../../src/connectors/calendar/index.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { startCalDavServer, type CalDavServer } from '../../env/caldav/radicale.js';

let server: CalDavServer;
let calendarUrl: string;

const settingsFor = (over: Partial<CalendarSettings> = {}): CalendarSettings =>
  parseCalendarSettings({
    id: 'bakery',
    url: server.url,
    username: 'alice',
    calendar: 'Meetings',
    ...over,
  });
const secretsWith = (password: string) => createMemorySecretStore({ 'calendar:bakery': password });
const alice = () => server.users[0]!;

beforeAll(async () => {
  server = await startCalDavServer();
  calendarUrl = await server.makeCalendar('alice', 'Meetings');
  await server.makeCalendar('alice', 'Holidays', { readOnly: true });
});
afterAll(async () => {
  await server?.dispose();
});

describe('verify', () => {
  it('finds the calendar and says it may be written', async () => {
    const result = await createCalendarConnector(settingsFor(), {
      secrets: secretsWith(alice().password),
    }).verify();
    expect(result.cause).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.name)).toEqual(['login', 'calendar', 'write']);
  });

  it('names a refused password, without the password', async () => {
    const result = await createCalendarConnector(settingsFor(), {
      secrets: secretsWith('wrong-password-123'),
    }).verify();
    expect(result.cause?.code).toBe('calendar_auth_refused');
    expect(result.cause?.fix).toMatch(/app password/);
    expect(JSON.stringify(result)).not.toContain('wrong-password-123');
  });

  it('lists the calendars there are when the name is wrong', async () => {
    const result = await createCalendarConnector(settingsFor({ calendar: 'Meetngs' }), {
      secrets: secretsWith(alice().password),
    }).verify();
    expect(result.cause?.code).toBe('calendar_not_found');
    expect(result.cause?.message).toContain('Meetings');
  });

  it('says a read-only calendar cannot take meetings', async () => {
    const result = await createCalendarConnector(settingsFor({ calendar: 'Holidays' }), {
      secrets: secretsWith(alice().password),
    }).verify();
    expect(result.cause?.code).toBe('calendar_read_only');
  });

  it('names a wrong address', async () => {
    const result = await createCalendarConnector(settingsFor({ url: 'http://127.0.0.1:1/' }), {
      secrets: secretsWith(alice().password),
    }).verify();
    expect(result.cause?.code).toBe('calendar_unreachable');
  });

  it('names a missing password', async () => {
    const result = await createCalendarConnector(settingsFor(), {
      secrets: createMemorySecretStore(),
    }).verify();
    expect(result.cause?.code).toBe('calendar_password_missing');
  });
});

describe('events', () => {
  it('writes a meeting by its UID: twice is one event, in the client zone', async () => {
    const calendar = createCalendarConnector(settingsFor(), {
      secrets: secretsWith(alice().password),
    });
    const start = Date.parse('2026-10-20T08:00:00Z');
    const event = {
      uid: 'sitedesk-meeting-t1',
      sequence: 0,
      start,
      end: start + 3_600_000,
      timezone: 'Europe/Prague',
      title: 'Plumber visit',
      organizer: { name: 'Bakery', email: 'shop@bakery.example' },
      attendee: { name: 'Jan Novák', email: 'jan@example.test' },
    };
    await calendar.writeEvent(event, Date.now());
    await calendar.writeEvent({ ...event, sequence: 1 }, Date.now());
    expect(server.files('alice', 'Meetings').filter((f) => f.includes('t1'))).toHaveLength(1);
    const stored = await calendar.readEvent(event.uid);
    const vevent = new ICAL.Component(ICAL.parse(stored!)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Prague');
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2026-10-20T10:00:00');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    const busy = await calendar.busy(
      { start: start - 86_400_000, end: start + 86_400_000 },
      'Europe/Prague',
    );
    expect(busy.filter((b) => b.uid === event.uid)).toEqual([
      { start, end: start + 3_600_000, uid: event.uid },
    ]);
    await calendar.removeEvent(event.uid);
    await calendar.removeEvent(event.uid);
    expect(await calendar.readEvent(event.uid)).toBeUndefined();
  });

  it('reads busy times of events another program wrote', async () => {
    await server.put(
      'alice',
      calendarUrl,
      'weekly.ics',
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//other//EN',
        // As Thunderbird writes it: the zone's rules as RRULEs.
        'BEGIN:VTIMEZONE',
        'TZID:America/New_York',
        'BEGIN:DAYLIGHT',
        'TZOFFSETFROM:-0500',
        'TZOFFSETTO:-0400',
        'TZNAME:EDT',
        'DTSTART:19700308T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
        'END:DAYLIGHT',
        'BEGIN:STANDARD',
        'TZOFFSETFROM:-0400',
        'TZOFFSETTO:-0500',
        'TZNAME:EST',
        'DTSTART:19701101T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
        'END:STANDARD',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:weekly-standup',
        'DTSTAMP:20260101T000000Z',
        'DTSTART;TZID=America/New_York:20261102T090000',
        'DTEND;TZID=America/New_York:20261102T093000',
        'RRULE:FREQ=DAILY;COUNT=5',
        'EXDATE;TZID=America/New_York:20261104T090000',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:weekly-standup',
        'DTSTAMP:20260101T000000Z',
        'RECURRENCE-ID;TZID=America/New_York:20261105T090000',
        'DTSTART;TZID=America/New_York:20261105T130000',
        'DTEND;TZID=America/New_York:20261105T133000',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    const calendar = createCalendarConnector(settingsFor(), {
      secrets: secretsWith(alice().password),
    });
    const busy = await calendar.busy(
      { start: Date.parse('2026-11-01T00:00:00Z'), end: Date.parse('2026-11-08T00:00:00Z') },
      'Europe/Prague',
    );
    const standup = busy
      .filter((b) => b.uid === 'weekly-standup')
      .map((b) => new Date(b.start).toISOString());
    // 9:00 in New York is 14:00 UTC (EST, after 1 November), the 4th is cancelled, the 5th moved.
    expect(standup).toEqual([
      '2026-11-02T14:00:00.000Z',
      '2026-11-03T14:00:00.000Z',
      '2026-11-05T18:00:00.000Z',
      '2026-11-06T14:00:00.000Z',
    ]);
  });
});

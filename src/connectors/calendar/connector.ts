/**
 * The calendar connector of one client calendar (CalDAV): the same habits as the site
 * connectors — verify() with causes, capabilities as data, dependencies injected.
 */
import type { SecretStore } from '../../secrets/types.js';
import type { VerifyResult } from '../types.js';
import { busyIntervals, type BusyInterval } from './busy.js';
import { createCalDavClient } from './client.js';
import { meetingIcs, resourceName, type MeetingEvent } from './event-ics.js';
import type { CalendarSettings } from './settings.js';
import { verifyCalendar } from './verify.js';

/** What a calendar connector can do, as data. */
export type CalendarCapability =
  /** Busy times come from a free-busy REPORT (absent: events are read and expanded here). */
  | 'freeBusyReport'
  /** Events of a range can be read (calendar-query REPORT). */
  | 'readEvents'
  /** Events can be written and removed by resource name. */
  | 'writeEvents'
  /** The server would mail invitations itself (sitedesk asks it not to: SCHEDULE-AGENT=CLIENT). */
  | 'serverScheduling';

/** Generic CalDAV: read the events and expand them; write by UID. */
export const CALDAV_CAPABILITIES: ReadonlySet<CalendarCapability> = new Set([
  'readEvents',
  'writeEvents',
]);

/** What every calendar connector receives. */
export interface CalendarConnectorDeps {
  secrets: SecretStore;
  fetch?: typeof globalThis.fetch;
}

/** One client calendar. */
export interface CalendarConnector {
  readonly kind: 'caldav';
  readonly capabilities: ReadonlySet<CalendarCapability>;
  /** Read-only checks with causes; never throws. */
  verify(): Promise<VerifyResult>;
  /** Busy times overlapping [start, end) (epoch ms); floating and all-day in `clientZone`. */
  busy(range: { start: number; end: number }, clientZone: string): Promise<BusyInterval[]>;
  /** Writes the meeting (create or replace, by its UID): a retry never makes a second event. */
  writeEvent(event: MeetingEvent, now: number): Promise<{ url: string }>;
  /** Removes the meeting's event; one already gone is fine. */
  removeEvent(uid: string): Promise<void>;
  /** The stored text of the meeting's event, or undefined. */
  readEvent(uid: string): Promise<string | undefined>;
}

/** Creates the connector; nothing is sent until a method is called. */
export function createCalendarConnector(
  settings: CalendarSettings,
  deps: CalendarConnectorDeps,
): CalendarConnector {
  const client = createCalDavClient(settings, deps);
  return {
    kind: 'caldav',
    capabilities: CALDAV_CAPABILITIES,
    verify: () => verifyCalendar(settings, client),
    async busy(range, clientZone) {
      const objects = await client.objects(new Date(range.start), new Date(range.end));
      return busyIntervals(
        objects.map((o) => o.data),
        range,
        clientZone,
      );
    },
    async writeEvent(event, now) {
      const url = await client.put(resourceName(event.uid), meetingIcs(event, { now }));
      return { url };
    },
    removeEvent: (uid) => client.remove(resourceName(uid)),
    async readEvent(uid) {
      return (await client.get(resourceName(uid)))?.data;
    },
  };
}

/**
 * The iCalendar texts of a meeting, written with ical-generator (luxon times in the client's
 * zone, so DTSTART/DTEND carry its TZID, and the VTIMEZONE from vtimezone.ts):
 * - the object stored in the client's calendar (no METHOD: RFC 4791 §4.1 forbids it there);
 * - the invitation mailed to the person: METHOD:REQUEST (or CANCEL), the same UID and SEQUENCE.
 * The attendee has SCHEDULE-AGENT=CLIENT (RFC 6638 §7.1): sitedesk mails the invitation itself,
 * so a server that schedules (Nextcloud, iCloud, Google) must not send a second one.
 */
import ical, {
  type ICalAttendeeData,
  type ICalAttendeeScheduleAgent,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { vtimezone } from './vtimezone.js';

/** A meeting as the calendar sees it. */
export interface MeetingEvent {
  uid: string;
  /** Raised at each change (move, cancel), so programs take the newest. */
  sequence: number;
  /** Epoch ms. */
  start: number;
  end: number;
  /** The client's IANA zone: DTSTART/DTEND are written in it. */
  timezone: string;
  title: string;
  /** Where: an address, "phone: +420 …" or a video link. */
  location?: string;
  description?: string;
  /** The client's mailbox: organizer of the meeting. */
  organizer: { name: string; email: string };
  /** The person met; without an address nobody is invited. */
  attendee?: { name: string; email: string };
  cancelled?: boolean;
}

/** The calendar text of `event`, as stored (`method` absent) or mailed (`request`, `cancel`). */
export function meetingIcs(
  event: MeetingEvent,
  options: { method?: 'request' | 'cancel'; now: number },
): string {
  const calendar = ical({
    prodId: { company: 'sitedesk', product: 'meetings', language: 'EN' },
    // No calendar-wide zone: ical-generator would write DTSTAMP in it, and DTSTAMP must be UTC.
    // The event's own zone still gets its VTIMEZONE from the generator.
    timezone: { name: null, generator: (zone) => vtimezone(zone, event.start) },
    ...(options.method
      ? {
          method:
            options.method === 'cancel' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
        }
      : {}),
  });
  calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    stamp: DateTime.fromMillis(options.now, { zone: 'utc' }),
    start: DateTime.fromMillis(event.start, { zone: event.timezone }),
    end: DateTime.fromMillis(event.end, { zone: event.timezone }),
    timezone: event.timezone,
    summary: event.title,
    ...(event.location ? { location: event.location } : {}),
    ...(event.description ? { description: event.description } : {}),
    organizer: { name: event.organizer.name, email: event.organizer.email },
    attendees: event.attendee
      ? ([
          {
            name: event.attendee.name,
            email: event.attendee.email,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
            rsvp: true,
            // The package exports this enum as a type only, so its value is spelled out here.
            scheduleAgent: 'CLIENT' as ICalAttendeeScheduleAgent.CLIENT,
          },
        ] satisfies ICalAttendeeData[])
      : [],
    status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/** The resource name of a meeting's event in the calendar: its UID, made safe for a URL path. */
export function resourceName(uid: string): string {
  return `${uid.replace(/[^A-Za-z0-9._-]/g, '_')}.ics`;
}

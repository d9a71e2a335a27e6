/**
 * Client calendars over CalDAV (issue 19): settings, the connector (verify, busy times, writing
 * a meeting by its UID) and the iCalendar texts of meetings and their invitations.
 */
export { CalendarError, type CalendarErrorCode } from './errors.js';
export {
  calendarSettingsSchema,
  parseCalendarSettings,
  calendarPassword,
  type CalendarSettings,
} from './settings.js';
export { calendarSecretAccount } from '../../secrets/account.js';
export { busyIntervals, type BusyInterval } from './busy.js';
export { meetingIcs, resourceName, type MeetingEvent } from './event-ics.js';
export {
  createCalendarConnector,
  CALDAV_CAPABILITIES,
  type CalendarCapability,
  type CalendarConnector,
  type CalendarConnectorDeps,
} from './connector.js';

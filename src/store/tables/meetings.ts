/** The meeting tables (migration 0011-meetings), part of the store's Database (../schema.ts). */

/** A client's calendar: settings JSON (never the password) and the invitations' mailbox. */
export interface CalendarsTable {
  id: string;
  client_id: string;
  settings: string;
  mailbox_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A client's meeting rules (JSON of meetingRulesSchema). */
export interface ClientMeetingRulesTable {
  client_id: string;
  rules: string;
  updated_at: string;
}

/** One meeting (one per task) and the job that brings it to the calendar. Times: epoch ms. */
export interface MeetingsTable {
  id: string;
  client_id: string;
  task_id: string;
  calendar_id: string;
  uid: string;
  title: string;
  person_name: string;
  person_email: string | null;
  contact: string | null;
  place_id: string;
  location: string | null;
  note: string | null;
  starts_at: number;
  ends_at: number;
  timezone: string;
  person_timezone: string | null;
  /** `booked` or `cancelled`. */
  state: string;
  sequence: number;
  written_sequence: number | null;
  invited_sequence: number | null;
  /** `pending`, `working`, `done`, `failed` (refused: trying again will not help). */
  sync_state: string;
  attempts: number;
  next_attempt_at: number;
  owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  event_url: string | null;
  created_at: string;
  updated_at: string;
}

export type MeetingTables = {
  calendars: CalendarsTable;
  client_meeting_rules: ClientMeetingRulesTable;
  meetings: MeetingsTable;
};

/** A meeting as the API, the CLI and the web app see it, and its input schemas. */
import { z } from 'zod';
import { instantSchema, timezoneSchema } from '../schemas/common.js';
import type { MeetingsTable } from '../../store/tables/meetings.js';

/** Where the meeting's event and invitation got to. */
export type MeetingSync = 'pending' | 'working' | 'done' | 'failed';

/** One meeting. Times are ISO-8601 UTC; `timezone` is the client's, for showing them. */
export interface Meeting {
  id: string;
  clientId: string;
  taskId: string;
  /** The event's UID in the client's calendar (stable: derived from the task). */
  uid: string;
  title: string;
  person: { name: string; email?: string; timezone?: string };
  contact?: string;
  placeId: string;
  location?: string;
  note?: string;
  start: string;
  end: string;
  timezone: string;
  state: 'booked' | 'cancelled';
  sequence: number;
  sync: {
    state: MeetingSync;
    /** The event in the calendar is at this version (undefined: not written yet). */
    written?: number;
    /** The person's invitation is at this version. */
    invited?: number;
    attempts: number;
    lastError?: string;
    nextAttemptAt?: string;
  };
  eventUrl?: string;
  createdAt: string;
  updatedAt: string;
}

const plain = (max: number) => z.string().trim().min(1).max(max);

/** Input of a booking; person and title default from the task. */
export const bookMeetingSchema = z.strictObject({
  start: instantSchema,
  lengthMinutes: z.number().int().min(5).max(480),
  placeId: z.string().min(1).max(40),
  title: plain(200).optional(),
  person: z
    .strictObject({
      name: plain(200),
      email: z.email().max(320).optional(),
      /** The person's zone when it differs from the client's (shown beside the slots). */
      timezone: timezoneSchema.optional(),
    })
    .optional(),
  contact: z.string().trim().max(200).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type BookMeetingInput = z.input<typeof bookMeetingSchema>;

/** Input of a move: the new start (and length, default unchanged). */
export const moveMeetingSchema = z.strictObject({
  start: instantSchema,
  lengthMinutes: z.number().int().min(5).max(480).optional(),
});

/** Query of the free slots. */
export const slotsQuerySchema = z.strictObject({
  lengthMinutes: z.coerce.number().int().min(5).max(480).optional(),
  from: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(12),
  /** A meeting being moved: its own event does not block. */
  meetingId: z.string().min(1).max(100).optional(),
});

const iso = (ms: number): string => new Date(ms).toISOString();

/** The API form of a row. */
export function meetingFromRow(row: MeetingsTable): Meeting {
  return {
    id: row.id,
    clientId: row.client_id,
    taskId: row.task_id,
    uid: row.uid,
    title: row.title,
    person: {
      name: row.person_name,
      ...(row.person_email ? { email: row.person_email } : {}),
      ...(row.person_timezone ? { timezone: row.person_timezone } : {}),
    },
    ...(row.contact ? { contact: row.contact } : {}),
    placeId: row.place_id,
    ...(row.location ? { location: row.location } : {}),
    ...(row.note ? { note: row.note } : {}),
    start: iso(row.starts_at),
    end: iso(row.ends_at),
    timezone: row.timezone,
    state: row.state === 'cancelled' ? 'cancelled' : 'booked',
    sequence: row.sequence,
    sync: {
      state: row.sync_state as MeetingSync,
      ...(row.written_sequence !== null ? { written: row.written_sequence } : {}),
      ...(row.invited_sequence !== null ? { invited: row.invited_sequence } : {}),
      attempts: row.attempts,
      ...(row.last_error ? { lastError: row.last_error } : {}),
      ...(row.sync_state === 'pending' ? { nextAttemptAt: iso(row.next_attempt_at) } : {}),
    },
    ...(row.event_url ? { eventUrl: row.event_url } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The API's meeting answers the web app reads (src/tasks/meetings: model.ts, calendars.ts,
 * rules.ts, queries.ts; the UI talks HTTP only). Inputs come from the generated schema.
 */
import type { RequestBody } from '../api/schema.js';

/** PUT /api/v1/clients/{id}/calendar. */
export type CalendarInput = RequestBody<'/api/v1/clients/{id}/calendar', 'put'>;
/** POST /api/v1/tasks/{id}/meeting. */
export type BookInput = RequestBody<'/api/v1/tasks/{id}/meeting', 'post'>;
/** PUT /api/v1/clients/{id}/meeting-rules. */
export type RulesInput = RequestBody<'/api/v1/clients/{id}/meeting-rules', 'put'>;

/** A client's calendar (never its password). */
export interface CalendarView {
  clientId: string;
  settings: { id: string; url: string; username: string; calendar: string };
  mailboxId?: string;
  updatedAt: string;
}

/** The calendar check (the connector's verify()). */
export interface CalendarCheck {
  ok: boolean;
  checks: { name: string; ok: boolean; message: string }[];
  cause?: { code: string; message: string; fix?: string };
}

/** One stretch of working time, `HH:mm` local to the client. */
export interface Hours {
  from: string;
  to: string;
}

/** The weekdays, Monday first, as the rules name them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Where a meeting happens. */
export interface Place {
  id: string;
  kind: 'office' | 'phone' | 'video';
  label: string;
  detail?: string;
}

/** A client's meeting rules as the API answers them (defaults filled in). */
export interface Rules {
  hours: Record<Weekday, Hours[]>;
  lengths: number[];
  bufferMinutes: number;
  aheadDays: number;
  noticeMinutes: number;
  stepMinutes: 5 | 10 | 15 | 20 | 30 | 60;
  places: Place[];
}

/** The next free slots of a client. */
export interface SlotList {
  clientId: string;
  timezone: string;
  lengthMinutes: number;
  slots: { start: string; end: string }[];
}

/** One meeting; times are ISO UTC, `timezone` is the client's. */
export interface MeetingView {
  id: string;
  clientId: string;
  taskId: string;
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
    state: 'pending' | 'working' | 'done' | 'failed';
    written?: number;
    invited?: number;
    attempts: number;
    lastError?: string;
    nextAttemptAt?: string;
  };
}

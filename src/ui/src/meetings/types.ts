/**
 * The API's meeting shapes the web app uses, read from the generated schema (../api/schema.ts):
 * inputs as the server validates them, answers as their answer schemas say.
 */
import type { Answer, RequestBody } from '../api/schema.js';

/** PUT /api/v1/clients/{id}/calendar. */
export type CalendarInput = RequestBody<'/api/v1/clients/{id}/calendar', 'put'>;
/** POST /api/v1/tasks/{id}/meeting. */
export type BookInput = RequestBody<'/api/v1/tasks/{id}/meeting', 'post'>;
/** PUT /api/v1/clients/{id}/meeting-rules. */
export type RulesInput = RequestBody<'/api/v1/clients/{id}/meeting-rules', 'put'>;

/** A client's calendar (never its password). */
export type CalendarView = NonNullable<Answer<'/api/v1/clients/{id}/calendar', 'get'>['calendar']>;

/** The calendar check (the connector's verify()). */
export type CalendarCheck = Answer<'/api/v1/clients/{id}/calendar/check', 'post'>;

/** A client's meeting rules as the API answers them (defaults filled in). */
export type Rules = Answer<'/api/v1/clients/{id}/meeting-rules', 'get'>['rules'];

/** One stretch of working time, `HH:mm` local to the client. */
export type Hours = Rules['hours']['mon'][number];

/** The weekdays, Monday first, as the rules name them. */
export const WEEKDAYS = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const satisfies readonly (keyof Rules['hours'])[];
export type Weekday = (typeof WEEKDAYS)[number];

/** Where a meeting happens. */
export type Place = Rules['places'][number];

/** The next free slots of a client. */
export type SlotList = Answer<'/api/v1/clients/{id}/slots', 'get'>;

/** One meeting; times are ISO UTC, `timezone` is the client's. */
export type MeetingView = Answer<'/api/v1/meetings', 'get'>['meetings'][number];

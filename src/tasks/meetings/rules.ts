/**
 * A client's meeting rules (beside the call rules): working hours per weekday in the client's
 * own zone, the meeting lengths offered, a buffer between meetings, how far ahead and how soon
 * a meeting may be booked, and the places (office, phone, video link).
 */
import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 09:00 or 17:30');

/** One stretch of working time on a weekday, local to the client. */
export const hoursSchema = z
  .strictObject({ from: clock, to: clock })
  .refine((h) => h.from < h.to, { message: 'must end after it starts', path: ['to'] });

const day = z.array(hoursSchema).max(4).default([]);

/** The weekdays, Monday first (luxon's weekday 1…7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Where a meeting happens. */
export const placeSchema = z.strictObject({
  /** Short id used by the API and the CLI, e.g. `office`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and hyphens'),
  kind: z.enum(['office', 'phone', 'video']),
  /** What the secretary and the invitation show, e.g. "Office, Dlouhá 5, Praha". */
  label: z.string().trim().min(1).max(200),
  /** An address, a phone number or a video link, written into the event's LOCATION. */
  detail: z.string().trim().max(500).optional(),
});
export type MeetingPlace = z.infer<typeof placeSchema>;

/** The rules as stored and as the API takes them; unknown keys are refused. */
export const meetingRulesSchema = z.strictObject({
  hours: z
    .strictObject({
      mon: day,
      tue: day,
      wed: day,
      thu: day,
      fri: day,
      sat: day,
      sun: day,
    })
    .default({
      mon: [{ from: '09:00', to: '17:00' }],
      tue: [{ from: '09:00', to: '17:00' }],
      wed: [{ from: '09:00', to: '17:00' }],
      thu: [{ from: '09:00', to: '17:00' }],
      fri: [{ from: '09:00', to: '17:00' }],
      sat: [],
      sun: [],
    }),
  /** Meeting lengths offered, in minutes; the first is the default. */
  lengths: z.array(z.number().int().min(5).max(480)).min(1).max(6).default([30, 60]),
  /** Free minutes kept before and after every busy time. */
  bufferMinutes: z.number().int().min(0).max(240).default(15),
  /** How far ahead a meeting may be booked, in days. */
  aheadDays: z.number().int().min(1).max(365).default(30),
  /** How soon the earliest meeting may start, in minutes from now. */
  noticeMinutes: z.number().int().min(0).max(20_160).default(120),
  /** Slots start on multiples of this many minutes past the hour (local). */
  stepMinutes: z
    .union([
      z.literal(5),
      z.literal(10),
      z.literal(15),
      z.literal(20),
      z.literal(30),
      z.literal(60),
    ])
    .default(30),
  places: z
    .array(placeSchema)
    .max(10)
    .default([{ id: 'office', kind: 'office', label: 'Office' }])
    .refine((p) => new Set(p.map((x) => x.id)).size === p.length, 'place ids must differ'),
});

export type MeetingRules = z.infer<typeof meetingRulesSchema>;
export type MeetingRulesInput = z.input<typeof meetingRulesSchema>;

/** The rules a client has until the secretary sets them. */
export const DEFAULT_RULES: MeetingRules = meetingRulesSchema.parse({});

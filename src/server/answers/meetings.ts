/** The answers about a client's calendar, meeting rules, free slots and meetings (see tasks.ts for why). */
import { z } from 'zod';

/** A client's calendar; never its password, only where the secret store keeps it. */
export const calendarAnswer = z.object({
  clientId: z.string(),
  settings: z.object({
    id: z.string().describe('the calendar’s id; its password is the secret `calendar:<id>`'),
    url: z.string(),
    username: z.string(),
    calendar: z.string(),
  }),
  mailboxId: z.string().optional().describe('the mailbox invitations are sent from'),
  secretAccount: z.string().describe('the secret store account of its password'),
  updatedAt: z.string(),
});

/** One stretch of working time, `HH:MM` local to the client. */
const hours = z.object({ from: z.string(), to: z.string() });

/** A client's meeting rules, defaults filled in. */
export const meetingRulesAnswer = z.object({
  hours: z.object({
    mon: z.array(hours),
    tue: z.array(hours),
    wed: z.array(hours),
    thu: z.array(hours),
    fri: z.array(hours),
    sat: z.array(hours),
    sun: z.array(hours),
  }),
  lengths: z.array(z.number().int()).describe('minutes; the first is the default'),
  bufferMinutes: z.number().int(),
  aheadDays: z.number().int(),
  noticeMinutes: z.number().int(),
  stepMinutes: z.literal([5, 10, 15, 20, 30, 60]),
  places: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['office', 'phone', 'video']),
      label: z.string(),
      detail: z.string().optional(),
    }),
  ),
});

/** The next free slots of a client (UTC), with the client's zone for showing them. */
export const slotListAnswer = z.object({
  clientId: z.string(),
  timezone: z.string(),
  lengthMinutes: z.number().int(),
  slots: z.array(z.object({ start: z.string(), end: z.string() })),
});

/** One meeting; times are ISO UTC, `timezone` is the client's. */
export const meetingAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  taskId: z.string(),
  uid: z.string().describe('the event’s UID in the client’s calendar'),
  title: z.string(),
  person: z.object({
    name: z.string(),
    email: z.string().optional(),
    timezone: z.string().optional(),
  }),
  contact: z.string().optional(),
  placeId: z.string(),
  location: z.string().optional(),
  note: z.string().optional(),
  start: z.string(),
  end: z.string(),
  timezone: z.string(),
  state: z.enum(['booked', 'cancelled']),
  sequence: z.number().int(),
  sync: z
    .object({
      state: z.enum(['pending', 'working', 'done', 'failed']),
      written: z.number().int().optional().describe('the version of the event in the calendar'),
      invited: z.number().int().optional().describe('the version of the person’s invitation'),
      attempts: z.number().int(),
      lastError: z.string().optional(),
      nextAttemptAt: z.string().optional(),
    })
    .describe('where the event and the invitation got to'),
  eventUrl: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

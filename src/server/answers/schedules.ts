/** The answers about schedules and mailboxes' health (see tasks.ts for why). */
import { z } from 'zod';
import { contentKinds } from '../../tasks/schemas/common.js';
import { catchUpPolicies } from '../../tasks/schedules/schemas.js';

/** A recurrence in the client's timezone that creates publish tasks. */
export const scheduleAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  rule: z.object({ kind: z.enum(['rrule', 'cron']), expression: z.string() }),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  count: z.number().int().nullable(),
  template: z.object({
    title: z.string(),
    slug: z.string(),
    markdown: z.string(),
    excerpt: z.string().optional(),
    // Optional: templates saved before kinds and tags existed have neither.
    kind: z.enum(contentKinds).optional(),
    tags: z.array(z.string()).optional(),
    language: z.string().optional(),
    waitsForClient: z.boolean().optional(),
  }),
  siteIds: z.array(z.string()),
  target: z.object({ regionIds: z.array(z.string()) }).optional(),
  catchUp: z.enum(catchUpPolicies),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable().describe('null once the schedule has ended'),
  fired: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A schedule and its next runs (UTC and the client's local time). */
export const scheduleWithRunsAnswer = z.object({
  schedule: scheduleAnswer,
  upcoming: z.array(z.object({ at: z.string(), local: z.string() })),
});

/** One mailbox's health (Today, doctor). */
export const mailboxHealthAnswer = z.object({
  mailboxId: z.string(),
  clientId: z.string(),
  address: z.string(),
  state: z
    .string()
    .describe('`healthy`, `unhealthy`, `starting`, `archived`, `stopped` or `not running`'),
  reason: z.string().optional().describe('the server’s technical reason (English)'),
  since: z.string().optional(),
  push: z.boolean().optional(),
  intakeError: z.string().optional(),
});

import { z } from 'zod';
import { idSchema, instantSchema } from '../schemas-common.js';
import { ruleProblem } from './recurrence.js';
import { templateSchema } from './template.js';

/** What to do with occurrences missed while sitedesk was not running. */
export const catchUpPolicies = ['latest', 'all', 'none'] as const;
export type CatchUp = (typeof catchUpPolicies)[number];

const ruleSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('rrule'), expression: z.string().trim().min(1).max(1000) }),
    z.strictObject({ kind: z.literal('cron'), expression: z.string().trim().min(1).max(200) }),
  ])
  .superRefine((rule, ctx) => {
    const problem = ruleProblem(rule);
    if (problem) ctx.addIssue({ code: 'custom', path: ['expression'], message: problem });
  });

/** Input of createSchedule; the schema is the type. Times of day in the rule are the client's. */
export const createScheduleSchema = z
  .strictObject({
    clientId: idSchema,
    name: z.string().trim().min(1).max(200),
    rule: ruleSchema,
    /** No occurrence before this instant; default now. */
    startsAt: instantSchema.optional(),
    /** No occurrence after this instant. */
    endsAt: instantSchema.optional(),
    /** At most this many occurrences (missed ones that were skipped count too). */
    count: z.number().int().min(1).max(100_000).optional(),
    template: templateSchema,
    siteIds: z
      .array(idSchema)
      .min(1, 'must name at least one site')
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a site twice'),
    /** `latest` (default): after downtime, only the newest missed occurrence; `all`: each one; `none`: skip them. */
    catchUp: z.enum(catchUpPolicies).default('latest'),
    enabled: z.boolean().default(true),
  })
  .refine((s) => !s.startsAt || !s.endsAt || s.startsAt < s.endsAt, {
    message: 'must be after startsAt',
    path: ['endsAt'],
  });
export type CreateScheduleInput = z.input<typeof createScheduleSchema>;

/** Text for the occurrence on a local date of the client. */
export const scheduleTextSchema = z.strictObject({
  scheduleId: idSchema,
  date: z.iso.date({ message: 'must be a date such as 2026-03-09 (the client’s local date)' }),
  text: z.string().trim().min(1, 'must not be empty').max(100_000),
});
export type ScheduleTextInput = z.input<typeof scheduleTextSchema>;

import { z } from 'zod';
import { idSchema, instantSchema } from '../schemas/common.js';
import { ruleProblem } from './recurrence.js';
import { templateSchema } from './template.js';

/** Where a region schedule writes: regions found on the client's sites. */
export const targetSchema = z.strictObject({
  regionIds: z
    .array(idSchema)
    .min(1, 'must name at least one region')
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a region twice'),
});

/**
 * A region schedule names regions (`target.regionIds`) and no sites; any other names sites
 * and no target. Issue 23: a region schedule used to be accepted and fail every day.
 */
export function targetIssues(
  kind: string | undefined,
  siteIds: string[] | undefined,
  target: { regionIds: string[] } | undefined,
): { path: string[]; message: string }[] {
  if (kind === 'region')
    return [
      ...(target
        ? []
        : [
            {
              path: ['target', 'regionIds'],
              message: 'must name at least one region for a region schedule',
            },
          ]),
      ...(siteIds?.length
        ? [
            {
              path: ['siteIds'],
              message:
                'must be left out for a region schedule: it writes to the sites of its regions',
            },
          ]
        : []),
    ];
  return [
    ...(target
      ? [{ path: ['target'], message: 'is only for schedules whose template kind is "region"' }]
      : []),
    ...(siteIds !== undefined && siteIds.length === 0
      ? [{ path: ['siteIds'], message: 'must name at least one site' }]
      : []),
  ];
}

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
    /** The sites each run publishes to; left out for a region schedule (its regions' sites). */
    siteIds: z
      .array(idSchema)
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a site twice')
      .default([]),
    /** Template kind `region` only, and then required: the regions each run fills. */
    target: targetSchema.optional(),
    /** `latest` (default): after downtime, only the newest missed occurrence; `all`: each one; `none`: skip them. */
    catchUp: z.enum(catchUpPolicies).default('latest'),
    enabled: z.boolean().default(true),
  })
  .refine((s) => !s.startsAt || !s.endsAt || s.startsAt < s.endsAt, {
    message: 'must be after startsAt',
    path: ['endsAt'],
  })
  .superRefine((s, ctx) => {
    for (const issue of targetIssues(s.template.kind, s.siteIds, s.target))
      ctx.addIssue({ code: 'custom', ...issue });
  });
export type CreateScheduleInput = z.input<typeof createScheduleSchema>;

/** Text for the occurrence on a local date of the client. */
export const scheduleTextSchema = z.strictObject({
  scheduleId: idSchema,
  date: z.iso.date({ message: 'must be a date such as 2026-03-09 (the client’s local date)' }),
  text: z.string().trim().min(1, 'must not be empty').max(100_000),
});
export type ScheduleTextInput = z.input<typeof scheduleTextSchema>;

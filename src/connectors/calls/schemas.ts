/**
 * What a client tells the secretary about calls: when they can be reached (weekly hours in
 * their own timezone, plus one-off unreachable periods) and who or what goes through at once.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../shared/errors.js';

/** An IANA timezone name, e.g. `Europe/Prague`. */
export const timezoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), 'an IANA timezone such as "Europe/Prague"');

/** Wall-clock time `HH:mm`; `24:00` is allowed as an end. */
const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time "HH:mm", e.g. "09:30"');

/** Minutes since midnight of `HH:mm`. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const range = z
  .object({ from: clock, to: clock })
  .refine(
    (r) => minutesOf(r.from) < minutesOf(r.to),
    'from must be before to (a range ends the same day)',
  );

/** Weekday keys, Monday first (luxon's weekday 1 … 7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const weekly = z.object(
  Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(range).default([])])) as Record<
    (typeof WEEKDAYS)[number],
    z.ZodDefault<z.ZodArray<typeof range>>
  >,
);

/** When a client can be reached. */
export const availabilitySchema = z.object({
  timezone: timezoneSchema,
  weekly,
  unreachable: z
    .array(
      z
        .object({
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          reason: z.string().optional(),
        })
        .refine((p) => Date.parse(p.from) < Date.parse(p.to), 'from must be before to'),
    )
    .default([]),
});

/**
 * A forwarding rule: calls from one of `callers` (phone numbers or names) or about one of
 * `topics` (words) go through at once; `anyCaller` puts every call through. Only within the
 * weekly hours, unless `outsideHours` is true; never during an unreachable period.
 */
export const forwardingRuleSchema = z.object({
  name: z.string().trim().min(1),
  callers: z.array(z.string().trim().min(1)).optional(),
  topics: z.array(z.string().trim().min(1)).optional(),
  anyCaller: z.boolean().optional(),
  outsideHours: z.boolean().default(false),
});

/** A client's call settings. */
export const callProfileSchema = z.object({
  availability: availabilitySchema,
  forwarding: z.array(forwardingRuleSchema).default([]),
});

/** Validated availability. */
export type Availability = z.infer<typeof availabilitySchema>;
/** Validated forwarding rule. */
export type ForwardingRule = z.infer<typeof forwardingRuleSchema>;
/** Validated call settings of a client. */
export type CallProfile = z.infer<typeof callProfileSchema>;

/** Parses with `schema`; a ValidationError names each wrong field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldIssue[] = result.error.issues.map((i) => ({
    path: i.path.join('.'),
    message: i.message,
  }));
  throw new ValidationError(`${what} is invalid`, details);
}

/** Parses a client's call settings. */
export function parseCallProfile(input: unknown): CallProfile {
  return parseWith(callProfileSchema, input, 'the call settings');
}

/** Forwarding rules that can never match (nothing to match on). */
export function checkForwardingRules(rules: readonly ForwardingRule[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  rules.forEach((rule, i) => {
    if (!rule.anyCaller && !rule.callers?.length && !rule.topics?.length) {
      issues.push({
        path: `forwarding.${i}`,
        message: `rule "${rule.name}" names no callers or topics (and is not anyCaller): it can never match`,
      });
    }
  });
  return issues;
}

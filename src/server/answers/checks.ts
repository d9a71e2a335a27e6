/** What a check of something remote found (a connector's verify()): shared by sites, calendars, mailboxes. */
import { z } from 'zod';

/** What a person can fix when a check failed. */
export const checkCauseAnswer = z.object({
  code: z.string(),
  message: z.string(),
  fix: z.string().optional(),
});

/** Each step of a check. */
export const checkStepsAnswer = z.array(
  z.object({ name: z.string(), ok: z.boolean(), message: z.string() }),
);

/** A check's result: every step, and when not ok the cause. */
export const verifyAnswer = z.object({
  ok: z.boolean(),
  checks: checkStepsAnswer,
  cause: checkCauseAnswer.optional(),
});

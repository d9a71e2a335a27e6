/** The answers about mailings, unsubscribe links and suppression lists (see tasks.ts for why). */
import { z } from 'zod';
import { suppressionReasons } from '../../tasks/mail/suppressions.js';

/** A mailing with how many recipients are in each state. */
export const mailingAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  contentItemId: z.string().describe('the promotion text it sends'),
  mailboxId: z.string(),
  subject: z.string().describe('the text’s title'),
  state: z
    .string()
    .describe(
      '`ready`, `running`, `waiting` (the mail server failed; resumes by itself at `nextAttemptAt`), `stopped`, `done`',
    ),
  counts: z
    .record(z.string(), z.number().int())
    .describe('recipients per state: `pending`, `sending`, `sent`, `skipped`, `failed`'),
  report: z
    .object({
      sent: z.number().int(),
      alreadySent: z.number().int(),
      skipped: z.number().int(),
      unknown: z.array(z.string()).describe('left `sending` by a crash: may have arrived'),
      failed: z.array(z.object({ email: z.string(), reason: z.string(), retryable: z.boolean() })),
      remaining: z.number().int(),
      aborted: z.boolean(),
      stoppedBecause: z.string().optional(),
    })
    .optional()
    .describe('the outcome of the last run'),
  nextAttemptAt: z.string().optional(),
  createdAt: z.string(),
});

/** One recipient and where it got to. */
export const mailingRecipientAnswer = z.object({
  email: z.string(),
  name: z.string().optional(),
  state: z.string().describe('`pending`, `sending`, `sent`, `skipped`, `failed`'),
  retryable: z
    .boolean()
    .optional()
    .describe('`failed`: true when the mail server failed (tried again), false when refused'),
  detail: z.string().optional(),
});

/** A line of a CSV of addresses that is not used. */
export const csvProblemAnswer = z.object({
  line: z.number().int().describe('1-based'),
  value: z.string(),
  problem: z
    .enum(['invalid', 'duplicate', 'missing', 'unreadable'])
    .describe('`unreadable`: the file cannot be read from this line on (a quote never closed)'),
  message: z.string(),
});

/** A new mailing, what its CSV held, and whether the client's Ghost site could send it instead. */
export const createdMailingAnswer = z.object({
  mailing: mailingAnswer,
  recipients: z.number().int(),
  suppressed: z.number().int().describe('recipients on the suppression list (skipped)'),
  problems: z.array(csvProblemAnswer),
  ghostNewsletter: z.object({ available: z.boolean(), siteIds: z.array(z.string()) }),
});

/** A mailing with each recipient's state. */
export const mailingWithRecipientsAnswer = mailingAnswer.extend({
  recipients: z.array(mailingRecipientAnswer),
});

/** What an unsubscribe page says. */
export const unsubscribeAnswer = z.object({
  sender: z.string().describe('the business whose mail it is'),
  email: z.string(),
  language: z.string().describe('the mailing’s language, for the page'),
  unsubscribed: z.boolean(),
});

/** One address no mailing of the client reaches. */
export const suppressionAnswer = z.object({
  email: z.string(),
  reason: z.enum(suppressionReasons),
  mailingId: z.string().optional().describe('the mailing it unsubscribed or bounced from'),
  at: z.string(),
});

/**
 * The details of a `letter` task (issue 20): the letter as written, where the client's
 * approval stands, and how it went out. Written only by the letter service (src/tasks/letters).
 */
import { z } from 'zod';
import { idSchema, instantSchema } from '../schemas/common.js';
import { plainLine, plainLines } from './letterhead-schema.js';

/** The recipient: name and address lines as printed in the window; e-mail when it is mailed. */
export const recipientSchema = z.strictObject({
  name: plainLine(120).pipe(z.string().min(1, 'must not be empty')),
  address: plainLines(8, 200).min(1, 'must have at least one line'),
  email: z.email('must be an e-mail address such as jana@example.cz').max(320).optional(),
});

/** Where a letter stands with the client who asked to see it first. */
export const letterApprovalSchema = z.strictObject({
  state: z.enum(['waiting', 'approved', 'changes']),
  round: z.number().int().min(1),
  sentAt: instantSchema,
  /** A word from the secretary to the client with this round. */
  note: z.string().max(5000).optional(),
  decidedAt: instantSchema.optional(),
  comment: z.string().max(5000).optional(),
});

/**
 * How the letter went out. `unsure`: sitedesk was stopped while handing the mail to the server,
 * so it may have arrived; it is not sent again by itself (see send.ts).
 */
export const letterDeliverySchema = z.strictObject({
  method: z.enum(['email', 'post']),
  state: z.enum(['queued', 'retrying', 'sent', 'unsure', 'failed', 'posted']),
  number: z.string().max(60),
  /** When it was sent (e-mail) or the day it was posted (`YYYY-MM-DD`). */
  at: z.string().max(40).optional(),
  detail: z.string().max(2000).optional(),
  /** Whether the copy is in the mailbox's Sent folder. */
  sentCopy: z.boolean().optional(),
});

/** The details of a letter task. */
export const letterDetailsSchema = z.strictObject({
  letterheadId: idSchema,
  recipient: recipientSchema,
  subject: plainLine(200).pipe(z.string().min(1, 'must not be empty')),
  /** Markdown, as in the Write screen. */
  body: z.string().max(200_000).default(''),
  /** Uploads sent with the letter (e-mail only). */
  attachments: z.array(idSchema).max(20).default([]),
  /** Uploads of dictation (voice messages) to play while typing. */
  dictation: z.array(idSchema).max(10).default([]),
  /** The client wants to see the PDF before it goes. */
  approvalWanted: z.boolean().default(false),
  approval: letterApprovalSchema.optional(),
  /** A mail task this letter answers: sent as a reply in that conversation. */
  replyTo: idSchema.optional(),
  delivery: letterDeliverySchema.optional(),
});
export type LetterDetails = z.output<typeof letterDetailsSchema>;

/** The answers about letters, letterheads, templates and the register (see tasks.ts for why). */
import { z } from 'zod';
import {
  addressLayouts,
  letterLanguages,
  paperSizes,
  typefaces,
} from '../../tasks/letters/letterhead-schema.js';
import { taskAnswer } from './tasks.js';

/** A client's letterhead as listed: its settings without the image bytes. */
export const letterheadAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  language: z.enum(letterLanguages),
  dateFormat: z.string().optional().describe('luxon format of the date line'),
  paper: z.enum(paperSizes),
  addressLayout: z.enum(addressLayouts),
  typeface: z.enum(typefaces),
  sender: z.array(z.string()),
  footer: z.array(z.string()),
  hasLogo: z.boolean(),
  signature: z.object({ name: z.string(), role: z.string().optional(), hasImage: z.boolean() }),
  closing: z.string().optional(),
  numbering: z.string().describe('the register’s number pattern, e.g. `{yyyy}/{nnn}`'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A template of a recurring letter and its `{{fields}}` in order of first use. */
export const letterTemplateAnswer = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  fields: z.array(z.string()),
});

/** Where a letter stands with the client who asked to see it first. */
const letterApproval = z.object({
  state: z.enum(['waiting', 'approved', 'changes']),
  round: z.number().int(),
  sentAt: z.string(),
  note: z.string().optional(),
  decidedAt: z.string().optional(),
  comment: z.string().optional(),
});

/** How a letter went out; `unsure`: it may have arrived, so it is not sent again by itself. */
const letterDelivery = z.object({
  method: z.enum(['email', 'post']),
  state: z.enum(['queued', 'retrying', 'sent', 'unsure', 'failed', 'posted']),
  number: z.string(),
  at: z.string().optional().describe('when it was sent, or the day it was posted (YYYY-MM-DD)'),
  detail: z.string().optional(),
  sentCopy: z.boolean().optional().describe('whether the copy is in the Sent folder'),
});

/** What a letter says and where it stands. */
export const letterDetailsAnswer = z.object({
  letterheadId: z.string(),
  recipient: z.object({
    name: z.string(),
    address: z.array(z.string()),
    email: z.string().optional(),
  }),
  subject: z.string(),
  body: z.string().describe('Markdown'),
  attachments: z.array(z.string()).describe('uploads sent with it (e-mail only)'),
  dictation: z.array(z.string()).describe('uploads of voice messages to type from'),
  approvalWanted: z.boolean(),
  approval: letterApproval.optional(),
  replyTo: z.string().optional().describe('the mail task it answers'),
  delivery: letterDelivery.optional(),
});

/** A task of kind `letter`. */
export const letterAnswer = taskAnswer.extend({
  kind: z.literal('letter'),
  details: letterDetailsAnswer,
});

/** One letter of the register (the PDF is not in it). */
export const registerEntryAnswer = z.object({
  taskId: z.string(),
  clientId: z.string(),
  number: z.string(),
  method: z.enum(['email', 'post']),
  dated: z.string().describe('YYYY-MM-DD'),
  recipient: z.string(),
  email: z.string().nullable(),
  subject: z.string(),
  createdAt: z.string(),
});

/** What removing a letterhead did. */
export const letterheadRemovalAnswer = z.object({
  id: z.string(),
  outcome: z
    .enum(['deleted', 'archived'])
    .describe(
      '`deleted` when no letter named it; `archived` when letters did: hidden from lists and refused for new letters, their PDFs unchanged',
    ),
  letters: z.number().int().describe('letters (sent, posted, done or cancelled) naming it'),
});

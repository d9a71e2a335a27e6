import { z } from 'zod';
import { idSchema, instantSchema, priorities, taskSources } from './common.js';
import { letterDetailsSchema } from '../letters/schemas.js';
import { callReasonCodes } from '../../connectors/calls/decide.js';

/** A file attached to a request, by reference. */
export const attachmentSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  contentType: z.string().min(3).max(255),
  path: z.string().min(1),
  bytes: z.number().int().min(0).optional(),
});

/** Why a call was decided: the code and the facts its words need (connectors/calls decide). */
const callReasonSchema = z.strictObject({
  code: z.enum(callReasonCodes),
  rule: z.string().max(200).optional(),
  match: z
    .strictObject({
      by: z.enum(['any-caller', 'caller', 'topic']),
      value: z.string().max(500).optional(),
    })
    .optional(),
  range: z.string().max(20).optional(),
  until: instantSchema.optional(),
  note: z.string().max(500).optional(),
  next: instantSchema.optional(),
  timezone: z.string().max(100).optional(),
});

/** A phone message: who called, from which number, when, what they said. */
export const callDetailsSchema = z.strictObject({
  caller: z.string().trim().min(1).max(200),
  number: z
    .string()
    .regex(/^\+?[0-9 ()./-]{3,30}$/, 'must be a phone number such as +420 601 234 567'),
  at: instantSchema,
  message: z.string().max(10_000).default(''),
  callbackWanted: z.boolean().default(false),
  /** What the call was about (matched by forwarding rules). */
  topic: z.string().max(500).optional(),
  /**
   * Forward now or take a message, and why (computed when the call task is created): `why` is a
   * code with its facts; tasks from before it have an English `reason` sentence instead.
   */
  decision: z
    .strictObject({
      action: z.enum(['forward', 'take-message']),
      why: callReasonSchema.optional(),
      reason: z.string().max(2000).optional(),
      rule: z.string().max(200).optional(),
    })
    .optional(),
  /** How the message reached the client: `at-once`, `digest`, or still `waiting` for the digest. */
  delivery: z
    .strictObject({
      state: z.enum(['waiting', 'sent', 'failed', 'not-sent']),
      how: z.enum(['at-once', 'digest']).optional(),
      at: instantSchema.optional(),
      detail: z.string().max(2000).optional(),
    })
    .optional(),
  /** Set for calls from the telephony webhook. */
  eventId: z.string().max(200).optional(),
  /** How the call came, as the phone system said: the web app and the client's mails word it. */
  via: z.enum(['incoming', 'missed', 'voicemail']).optional(),
  recordingUrl: z.url().max(2000).optional(),
});

/** An e-mail to deal with. */
export const mailDetailsSchema = z.strictObject({
  from: z.string().trim().min(3).max(320),
  subject: z.string().max(998).default(''),
  body: z.string().max(1_000_000).default(''),
  receivedAt: instantSchema,
  /** Set by the mail intake: where the message came from and how it groups. */
  mailboxId: z.string().max(100).optional(),
  messageId: z.string().max(998).optional(),
  /** Tasks of one conversation share this (the root Message-ID, lowercased). */
  threadKey: z.string().max(998).optional(),
  to: z.array(z.string().max(320)).max(500).optional(),
  attachments: z.array(attachmentSchema).max(200).optional(),
  /**
   * Urgent by the client's rules: why, and whether it was forwarded to the client. `retrying`:
   * the mail server did not take it yet; the outbox tries again at `next` (attempt `attempts`).
   */
  urgent: z
    .strictObject({
      reasons: z.array(z.string().max(1000)).max(50),
      state: z.enum(['pending', 'retrying', 'forwarded', 'failed', 'no-address']),
      to: z.string().max(320).optional(),
      at: instantSchema.optional(),
      detail: z.string().max(2000).optional(),
      attempts: z.number().int().min(0).optional(),
      next: instantSchema.optional(),
    })
    .optional(),
  /**
   * Replies sent from the task. `state` (none: sent) `waiting`: the mail server did not take it
   * yet; the outbox tries again at `next` (attempt `attempts`), `detail` is why; `failed`: the
   * server refused it.
   */
  replies: z
    .array(
      z.strictObject({
        messageId: z.string().max(998),
        at: instantSchema,
        to: z.array(z.string().max(320)),
        sentCopy: z.string().max(2000).optional(),
        state: z.enum(['waiting', 'sent', 'failed']).optional(),
        detail: z.string().max(2000).optional(),
        attempts: z.number().int().min(0).optional(),
        next: instantSchema.optional(),
        /** Files sent with it: the upload each is kept in (downloadable), its name and size. */
        attachments: z
          .array(
            z.strictObject({
              uploadId: idSchema,
              filename: z.string().min(1).max(255),
              bytes: z.number().int().min(0),
            }),
          )
          .max(50)
          .optional(),
      }),
    )
    .max(500)
    .optional(),
});

/** What the client wants changed on a site. */
export const siteEditDetailsSchema = z.strictObject({
  siteId: idSchema.optional(),
  request: z.string().trim().min(1, 'must say what should change').max(20_000),
  attachments: z.array(attachmentSchema).max(50).default([]),
});

/**
 * Where a text stands with the client: sent as version `round`, then approved or changes
 * asked (with her comment). Written only by the thread (src/tasks/thread/thread.ts).
 */
export const approvalSchema = z.strictObject({
  round: z.number().int().min(1),
  state: z.enum(['waiting', 'approved', 'changes']),
  /** The secretary's note to the client with this version. */
  note: z.string().max(5000).optional(),
  /** Approval publishes at once; otherwise the approved text waits for the secretary. */
  publishWhenApproved: z.boolean(),
  sentAt: instantSchema,
  sentBy: z.string().max(200),
  comment: z.string().max(5000).optional(),
  decidedAt: instantSchema.optional(),
  /** What changed since the version before (lines of the text, and the title). */
  changes: z
    .strictObject({
      title: z.strictObject({ from: z.string(), to: z.string() }).optional(),
      added: z.array(z.string().max(2000)).max(50),
      removed: z.array(z.string().max(2000)).max(50),
    })
    .optional(),
});
export type Approval = z.output<typeof approvalSchema>;

/** One content item to one or more sites. */
export const publishDetailsSchema = z.strictObject({
  contentItemId: idSchema,
  siteIds: z
    .array(idSchema)
    .min(1, 'must name at least one site')
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a site twice'),
  /** The client's request this text answers (its thread). */
  requestTaskId: idSchema.optional(),
  approval: approvalSchema.optional(),
});

/** The details schema of each kind. */
export const detailsSchemas = {
  call: callDetailsSchema,
  mail: mailDetailsSchema,
  'site-edit': siteEditDetailsSchema,
  publish: publishDetailsSchema,
  letter: letterDetailsSchema,
} as const;

const common = {
  clientId: idSchema,
  title: z.string().trim().min(1).max(500).optional(),
  priority: z.enum(priorities).default('normal'),
  dueAt: instantSchema.optional(),
  assignee: z.string().trim().min(1).max(200).optional(),
  source: z.enum(taskSources).default('manual'),
};

/** Input of createTask: the common fields plus the details of its kind. */
export const createTaskSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('call'), details: callDetailsSchema }),
  z.strictObject({ ...common, kind: z.literal('mail'), details: mailDetailsSchema }),
  z.strictObject({ ...common, kind: z.literal('site-edit'), details: siteEditDetailsSchema }),
  z.strictObject({ ...common, kind: z.literal('publish'), details: publishDetailsSchema }),
  z.strictObject({ ...common, kind: z.literal('letter'), details: letterDetailsSchema }),
]);
export type CreateTaskInput = z.input<typeof createTaskSchema>;
export type ParsedCreateTask = z.output<typeof createTaskSchema>;

/** Input of updateTask: common fields (null clears), part of the details; kind and status stay. */
export const updateTaskSchema = z.strictObject({
  title: z.string().trim().min(1).max(500).optional(),
  priority: z.enum(priorities).optional(),
  dueAt: instantSchema.nullable().optional(),
  assignee: z.string().trim().min(1).max(200).nullable().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  /** The version the caller saw; a different current version is a conflict. */
  expectedVersion: z.number().int().min(1).optional(),
});
export type UpdateTaskInput = z.input<typeof updateTaskSchema>;

/** Input of requestPublish. */
export const requestPublishSchema = z.strictObject({
  contentItemId: idSchema,
  siteIds: publishDetailsSchema.shape.siteIds,
  /** An existing publish task to attach to; otherwise a new one is created. */
  taskId: idSchema.optional(),
  dueAt: instantSchema.optional(),
  priority: z.enum(priorities).optional(),
  assignee: z.string().trim().min(1).max(200).optional(),
});
export type RequestPublishInput = z.input<typeof requestPublishSchema>;

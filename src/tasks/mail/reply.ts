/**
 * A reply written in a mail task: sent from the client's mailbox with In-Reply-To/References,
 * a copy saved to the mailbox's Sent folder, and the reply recorded on the task (its history
 * keeps who sent it and when). It goes through the mail outbox (outbox-reply.ts), so a mail
 * server that does not answer delays it and never loses it.
 */
import { z } from 'zod';
import { composeReply, newMessageId } from '../../connectors/mail/index.js';
import { ValidationError } from '../../shared/errors.js';
import { getClient } from '../clients/clients.js';
import type { Actor } from '../context.js';
import { getTask } from '../task-list/queries.js';
import type { Task } from '../types.js';
import { parseInput } from '../validate.js';
import type { MailContext } from './context.js';
import { getMailbox } from './mailboxes.js';
import type { MailOutbox } from './outbox.js';
import type { ReplyPayload } from './outbox-reply.js';
import { replyParts } from './reply-parts.js';
import { replyAttachmentsSchema, resolveReplyFiles } from './reply-files.js';
import { messageOfTask } from './urgent.js';

/** What the secretary writes. */
export const replyInputSchema = z.strictObject({
  /** Markdown; sent as HTML (rendered and sanitised as for the sites) with a plain-text twin. */
  text: z.string().trim().min(1, 'must not be empty').max(200_000),
  /** Also to the other To/Cc recipients of the message. Default false. */
  replyAll: z.boolean().default(false),
  /** Quote the message below the reply (its date in the client's time zone). Default true. */
  quote: z.boolean().default(true),
  /** Files sent with it: ids answered by `POST /api/v1/tasks/:id/reply-files`, in order. */
  attachments: replyAttachmentsSchema.default([]),
});
export type ReplyFromTaskInput = z.input<typeof replyInputSchema>;

/** What the reply did. */
export interface ReplyOutcome {
  task: Task;
  messageId: string;
  to: string[];
  /** `sent`; `waiting`: the server did not answer, the outbox sends it by itself later; `failed`: refused. */
  state: 'sent' | 'waiting' | 'failed';
  /** When sent: `saved to "Sent"`, or why the copy failed (the reply itself went out). */
  sentCopy?: string;
  /** When waiting or failed: the mail server's answer (technical, English). */
  detail?: string;
  /** When waiting: the next try. */
  next?: string;
}

/**
 * Sends a reply to the message of mail task `taskId` through the outbox: queued claimed by this
 * process and tried at once; when the server does not answer it waits in the outbox (same
 * lease, backoff and retry as urgent forwards) and goes out by itself, exactly once.
 */
export async function replyFromTask(
  ctx: MailContext,
  outbox: Pick<MailOutbox, 'owner' | 'leaseMs' | 'attemptNow'>,
  taskId: string,
  input: ReplyFromTaskInput,
  who: Actor,
): Promise<ReplyOutcome> {
  const data = parseInput(replyInputSchema, input, 'reply');
  const { task } = await getTask(ctx.deps, taskId);
  const stored = task.kind === 'mail' ? await messageOfTask(ctx, task.id) : undefined;
  if (task.kind !== 'mail' || !stored) {
    throw new ValidationError('Only a task made from a received e-mail can be answered.', [
      { path: 'taskId', message: 'not a task from the mail intake' },
    ]);
  }
  const files = await resolveReplyFiles(ctx.deps, data.attachments);
  const mailbox = await getMailbox(ctx.deps, stored.row.mailbox_id);
  const client = await getClient(ctx.deps, task.clientId);
  const parts = replyParts(data.text, stored.parsed, {
    timezone: client.timezone,
    languages: client.languages,
    signature: client.contact.signature,
  });
  const mail = composeReply(stored.parsed, {
    from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
    ...parts,
    replyAll: data.replyAll,
    quote: data.quote,
  });
  const to = [...mail.to, ...(mail.cc ?? [])].map((a) => a.address);
  // The parts are fixed when queued: a later try sends the same mail, even if the signature changed.
  const payload: ReplyPayload = {
    ...parts,
    replyAll: data.replyAll,
    quote: data.quote,
    to,
    by: who.actor,
    // The files by upload id, never their bytes: the row stays small and a later try reads them.
    ...(files.length > 0 ? { attachments: files } : {}),
  };
  const id = ctx.deps.newId();
  const messageId = newMessageId(mailbox.settings.address);
  const now = ctx.deps.clock.now();
  const at = new Date(now).toISOString();
  await ctx.deps.db
    .insertInto('mail_outbox')
    .values({
      id,
      mailbox_id: mailbox.id,
      task_id: task.id,
      kind: 'reply',
      payload: JSON.stringify(payload),
      message_id: messageId,
      // Claimed by this process at once: the outbox worker leaves it alone unless we die.
      state: 'sending',
      attempts: 0,
      next_attempt_at: at,
      owner: outbox.owner,
      lease_until: new Date(now + outbox.leaseMs).toISOString(),
      last_error: null,
      sent_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  ctx.logger.info({ task: task.id, outbox: id, by: who.actor }, 'reply queued');
  const outcome = await outbox.attemptNow(id);
  const { task: updated } = await getTask(ctx.deps, task.id);
  const base = { task: updated, messageId, to };
  if (outcome.state === 'sent') return { ...base, state: 'sent', sentCopy: outcome.sentCopy };
  if (outcome.state === 'failed') return { ...base, state: 'failed', detail: outcome.detail };
  return { ...base, state: 'waiting', detail: outcome.detail, next: outcome.next };
}

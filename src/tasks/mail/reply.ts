/**
 * A reply written in a mail task: sent from the client's mailbox with In-Reply-To/References,
 * a copy saved to the mailbox's Sent folder, and the reply recorded on the task (its history
 * keeps who sent it and when).
 */
import { z } from 'zod';
import { composeReply } from '../../connectors/mail/index.js';
import { ValidationError } from '../../shared/errors.js';
import { getClient } from '../clients.js';
import type { Actor } from '../context.js';
import { getTask } from '../task-queries.js';
import { updateTask } from '../tasks.js';
import type { Task } from '../types.js';
import { parseInput } from '../validate.js';
import type { MailContext } from './context.js';
import { getMailbox } from './mailboxes.js';
import { replyParts } from './reply-parts.js';
import { messageOfTask } from './urgent.js';

/** What the secretary writes. */
export const replyInputSchema = z.strictObject({
  /** Markdown; sent as HTML (rendered and sanitised as for the sites) with a plain-text twin. */
  text: z.string().trim().min(1, 'must not be empty').max(200_000),
  /** Also to the other To/Cc recipients of the message. Default false. */
  replyAll: z.boolean().default(false),
  /** Quote the message below the reply (its date in the client's time zone). Default true. */
  quote: z.boolean().default(true),
});
export type ReplyFromTaskInput = z.input<typeof replyInputSchema>;

/** What the reply did. */
export interface ReplyOutcome {
  task: Task;
  messageId: string;
  to: string[];
  /** `saved to "Sent"`, or why the copy failed (the reply itself went out). */
  sentCopy: string;
}

/** Sends a reply to the message of mail task `taskId`. */
export async function replyFromTask(
  ctx: MailContext,
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
  const result = await ctx.senderFor(mailbox.settings).send(mail);
  const sentCopy =
    result.sentCopy.state === 'saved'
      ? `saved to "${result.sentCopy.folder}"`
      : result.sentCopy.state === 'failed'
        ? `not saved: ${result.sentCopy.reason}`
        : 'not saved';
  const to = [...mail.to, ...(mail.cc ?? [])].map((a) => a.address);
  const reply = {
    messageId: result.messageId,
    at: new Date(ctx.deps.clock.now()).toISOString(),
    to,
    sentCopy: sentCopy.slice(0, 2000),
  };
  const replies = [...(task.details.replies ?? []), reply];
  const updated = await updateTask(ctx.deps, task.id, { details: { replies } }, who);
  return { task: updated, messageId: result.messageId, to, sentCopy };
}

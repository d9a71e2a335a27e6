/**
 * Replies through the mail outbox (issue 24): a reply she sends is queued as an outbox row —
 * claimed at once by the sending process, so it goes out while she waits when the server
 * answers — and when the server does not answer it stays queued and the outbox sends it by
 * itself later, with the same Message-ID and one copy in Sent. The task's `replies` entry says
 * where it stands (`waiting` with the cause and the next try, `sent`, `failed`).
 */
import { z } from 'zod';
import { composeReply } from '../../connectors/mail/index.js';
import { getTask } from '../task-list/queries.js';
import { updateTask } from '../task-list/tasks.js';
import type { Task } from '../types.js';
import type { MailContext } from './context.js';
import { getMailbox } from './mailboxes.js';
import type { MailOutboxTable } from '../../store/tables/mail.js';
import { messageOfTask } from './urgent.js';
import { readReplyFiles, replyFileSchema } from './reply-files.js';

/** What one attempt at a row came to (recorded on its task in the words the task page shows). */
export type OutboxOutcome =
  | { state: 'sent'; at: string; sentCopy: string }
  | { state: 'retrying'; detail: string; attempts: number; next: string }
  | { state: 'failed'; detail: string };

/** What an outbox row of kind `reply` keeps: her words and choices, and who it goes to. */
export const replyPayloadSchema = z.object({
  /** The plain-text part, signature included. */
  text: z.string(),
  /** The HTML part (sanitised, signature included) and the quote's heading line (issue 15); absent
   * in rows queued before formatted replies, which go out as plain text. */
  html: z.string().optional(),
  quoteHead: z.string().optional(),
  replyAll: z.boolean(),
  quote: z.boolean(),
  to: z.array(z.string()),
  /** Who sent it: the task's history names her, also for a later try by the outbox. */
  by: z.string().optional(),
  /** Files sent with it, by upload (read again at each try); absent: none. */
  attachments: z.array(replyFileSchema).optional(),
});
export type ReplyPayload = z.infer<typeof replyPayloadSchema>;

type Row = Pick<
  MailOutboxTable,
  'task_id' | 'mailbox_id' | 'payload' | 'message_id' | 'created_at'
>;
type Reply = NonNullable<Extract<Task, { kind: 'mail' }>['details']['replies']>[number];

/** The reply of `row`, composed again from the stored message (the same mail each time). */
export async function composeQueuedReply(ctx: MailContext, row: Row) {
  const payload = replyPayloadSchema.parse(JSON.parse(row.payload));
  const stored = row.task_id ? await messageOfTask(ctx, row.task_id) : undefined;
  if (!stored) throw new Error('the message this answers is no longer kept');
  const mailbox = await getMailbox(ctx.deps, row.mailbox_id);
  const mail = composeReply(stored.parsed, {
    from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
    text: payload.text,
    ...(payload.html !== undefined ? { html: payload.html } : {}),
    ...(payload.quoteHead !== undefined ? { quoteHead: payload.quoteHead } : {}),
    replyAll: payload.replyAll,
    quote: payload.quote,
    ...(payload.attachments?.length
      ? { attachments: await readReplyFiles(ctx.deps, payload.attachments) }
      : {}),
  });
  return { mail: { ...mail, messageId: row.message_id }, mailbox };
}

/** Sends the reply of `row` with a copy in Sent; answers what became of the copy, in words. */
export async function sendReply(ctx: MailContext, row: Row): Promise<string> {
  const { mail, mailbox } = await composeQueuedReply(ctx, row);
  const result = await ctx.senderFor(mailbox.settings).send(mail);
  const copy =
    result.sentCopy.state === 'saved'
      ? `saved to "${result.sentCopy.folder}"`
      : result.sentCopy.state === 'failed'
        ? `not saved: ${result.sentCopy.reason}`
        : 'not saved';
  return copy.slice(0, 2000);
}

/** Writes where the reply of `row` stands on its task (its entry found by Message-ID, else added). */
export async function recordReply(
  ctx: MailContext,
  row: Row,
  outcome: OutboxOutcome,
): Promise<void> {
  if (!row.task_id) return;
  const { task } = await getTask(ctx.deps, row.task_id);
  if (task.kind !== 'mail') return;
  const payload = replyPayloadSchema.parse(JSON.parse(row.payload));
  const files = payload.attachments?.map(({ uploadId, filename, bytes }) => ({
    uploadId,
    filename,
    bytes,
  }));
  const base = {
    messageId: row.message_id,
    to: payload.to.slice(0, 500),
    ...(files?.length ? { attachments: files } : {}),
  };
  const entry: Reply =
    outcome.state === 'sent'
      ? { ...base, at: outcome.at, state: 'sent', sentCopy: outcome.sentCopy }
      : outcome.state === 'failed'
        ? { ...base, at: row.created_at, state: 'failed', detail: outcome.detail }
        : {
            ...base,
            at: row.created_at,
            state: 'waiting',
            detail: outcome.detail,
            attempts: outcome.attempts,
            next: outcome.next,
          };
  const replies = [...(task.details.replies ?? [])];
  const at = replies.findIndex((r) => r.messageId === row.message_id);
  if (at === -1) replies.push(entry);
  else replies[at] = entry;
  await updateTask(
    ctx.deps,
    task.id,
    { details: { replies } },
    { actor: payload.by ?? `mail:${row.mailbox_id}` },
  );
}

/**
 * Urgent mail goes to the client at once: the task is stored with `urgent.state: pending` and
 * its forward queued in the mail outbox in one transaction (take.ts); the outbox sends it and
 * retries until the mail server takes it (outbox.ts).
 */
import { parseMail } from '../../connectors/mail/index.js';
import type { MailContext } from './context.js';
import { readMessageFile } from './files.js';

/** The stored message a mail task was made from: its mailbox and key. */
export async function messageOfTask(ctx: MailContext, taskId: string) {
  const row = await ctx.deps.db
    .selectFrom('mail_messages')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .executeTakeFirst();
  if (!row) return undefined;
  const raw = await readMessageFile(ctx.mailDir, {
    mailboxId: row.mailbox_id,
    uidValidity: row.uid_validity,
    uid: row.uid,
  });
  return { row, raw, parsed: await parseMail(raw) };
}

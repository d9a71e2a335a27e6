/**
 * Urgent mail goes to the client at once. The task is stored first with `urgent.state:
 * pending`, then forwarded; a process that stops in between finds the pending forwards at
 * its next start (forwardPending), so an urgent message is never left unforwarded silently.
 */
import { sql } from 'kysely';
import { composeUrgentForward, parseMail } from '../../connectors/mail/index.js';
import { messageOf } from '../../shared/errors.js';
import { getTask } from '../task-queries.js';
import { updateTask } from '../tasks.js';
import type { Task } from '../types.js';
import type { MailContext } from './context.js';
import { readMessageFile } from './files.js';
import { getMailbox } from './mailboxes.js';
import { mailDb } from './tables.js';

type MailDetails = Extract<Task, { kind: 'mail' }>['details'];

/** The stored message a mail task was made from: its mailbox and key. */
export async function messageOfTask(ctx: MailContext, taskId: string) {
  const row = await mailDb(ctx.deps.db)
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

/** Forwards the urgent mail of `task` to the client's address and records the outcome on the task. */
export async function forwardUrgent(ctx: MailContext, task: Task): Promise<Task> {
  if (task.kind !== 'mail') return task;
  const details: MailDetails = task.details;
  const urgent = details.urgent;
  if (urgent?.state !== 'pending' || !urgent.to) return task;
  const who = { actor: `mail:${details.mailboxId ?? 'intake'}` };
  let next: NonNullable<MailDetails['urgent']>;
  try {
    const stored = await messageOfTask(ctx, task.id);
    if (!stored) throw new Error('the original message is no longer kept');
    const mailbox = await getMailbox(ctx.deps, stored.row.mailbox_id);
    const forward = composeUrgentForward(
      { ...stored.parsed, raw: stored.raw },
      {
        from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
        to: { address: urgent.to, name: '' },
        reasons: urgent.reasons,
      },
    );
    await ctx.senderFor(mailbox.settings).send(forward, { saveToSent: false });
    next = { ...urgent, state: 'forwarded', at: new Date(ctx.deps.clock.now()).toISOString() };
  } catch (error) {
    ctx.logger.warn({ task: task.id, err: error }, 'urgent forward failed');
    next = { ...urgent, state: 'failed', detail: messageOf(error).slice(0, 2000) };
  }
  return updateTask(ctx.deps, task.id, { details: { urgent: next } }, who);
}

/** Forwards every urgent mail still `pending` (after a restart); answers how many were tried. */
export async function forwardPending(ctx: MailContext): Promise<number> {
  // json_extract: SQLite; the PostgreSQL port reads details->'urgent'->>'state' instead.
  const rows = await ctx.deps.db
    .selectFrom('tasks')
    .select('id')
    .where('kind', '=', 'mail')
    .where(sql<string>`json_extract(details, '$.urgent.state')`, '=', 'pending')
    .execute();
  for (const row of rows) await forwardUrgent(ctx, (await getTask(ctx.deps, row.id)).task);
  return rows.length;
}

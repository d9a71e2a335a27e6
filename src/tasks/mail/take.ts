/**
 * One incoming message → exactly one `mail` task. The task, the message's key
 * (mailbox, UIDVALIDITY, UID) and the intake checkpoint commit in one transaction, so a crash
 * anywhere either took the message completely or not at all; a message seen again (the
 * checkpoint was behind, or the folder got a new UIDVALIDITY) is recognised by its key, its
 * Message-ID, or (a message without one) a hash of its date, sender, subject and body, and not
 * taken twice. An urgent message's forward is queued in the outbox in the same transaction.
 */
import { createHash } from 'node:crypto';
import {
  judgeUrgency,
  routeMail,
  type Checkpoint,
  type CheckpointStore,
  type IncomingMail,
} from '../../connectors/mail/index.js';
import { inTransaction } from '../context.js';
import { createTaskSchema } from '../schemas/tasks.js';
import { insertTask } from '../task-list/tasks.js';
import type { Task } from '../types.js';
import { parseInput } from '../validate.js';
import type { MailContext } from './context.js';
import { takeBounce } from './bounces.js';
import { storeMessageFiles } from './files.js';
import { getClientMailRules, type Mailbox } from './mailboxes.js';
import { queueForward } from './outbox.js';
import type { Database } from '../../store/index.js';
import type { Kysely, Transaction } from 'kysely';

/** The intake checkpoint of a mailbox folder, in the database. */
export function checkpointStore(
  ctx: MailContext,
  mailboxId: string,
  folder: string,
): CheckpointStore {
  const db = ctx.deps.db;
  return {
    async load() {
      const row = await db
        .selectFrom('mail_checkpoints')
        .select(['uid_validity', 'last_uid'])
        .where('mailbox_id', '=', mailboxId)
        .where('folder', '=', folder)
        .executeTakeFirst();
      return row ? { uidValidity: row.uid_validity, lastUid: row.last_uid } : undefined;
    },
    async save(checkpoint) {
      await saveCheckpoint(db, ctx, mailboxId, folder, checkpoint);
    },
  };
}

async function saveCheckpoint(
  db: Kysely<Database> | Transaction<Database>,
  ctx: MailContext,
  mailboxId: string,
  folder: string,
  checkpoint: Checkpoint,
): Promise<void> {
  const values = {
    uid_validity: checkpoint.uidValidity,
    last_uid: checkpoint.lastUid,
    updated_at: new Date(ctx.deps.clock.now()).toISOString(),
  };
  await db
    .insertInto('mail_checkpoints')
    .values({ mailbox_id: mailboxId, folder, ...values })
    .onConflict((oc) => oc.columns(['mailbox_id', 'folder']).doUpdateSet(values))
    .execute();
}

/** What taking a message did. */
export type TakeResult =
  | { outcome: 'created'; task: Task; urgent: boolean }
  | { outcome: 'duplicate'; taskId: string }
  /** A delivery report of a mailing: its addresses suppressed, no task (bounces.ts). */
  | { outcome: 'bounce'; suppressed: string[] };

const list = (addresses: readonly { address: string; name: string }[]): string =>
  addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

/** Takes `mail` from `mailbox`: a new task, or the existing one when it was taken before. */
export async function takeMail(
  ctx: MailContext,
  mailbox: Mailbox,
  mail: IncomingMail,
): Promise<TakeResult> {
  const db = ctx.deps.db;
  const hash = contentHash(mail);
  const seen = await db
    .selectFrom('mail_messages')
    .select('task_id')
    .where('mailbox_id', '=', mailbox.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('uid_validity', '=', mail.uidValidity), eb('uid', '=', mail.uid)]),
        mail.messageId
          ? eb('message_id', '=', mail.messageId)
          : eb.and([eb('message_id', 'is', null), eb('content_hash', '=', hash)]),
      ]),
    )
    .executeTakeFirst();
  const checkpoint = { uidValidity: mail.uidValidity, lastUid: mail.uid };
  if (seen) {
    // Taken before (under another UIDVALIDITY, or the checkpoint lagged): remember this key too.
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('mail_messages')
        .values(messageRow(mailbox, mail, seen.task_id, ctx))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await saveCheckpoint(trx, ctx, mailbox.id, mail.folder, checkpoint);
    });
    return { outcome: 'duplicate', taskId: seen.task_id };
  }

  const bounce = await takeBounce(ctx, mailbox, mail);
  if (bounce) {
    await saveCheckpoint(db, ctx, mailbox.id, mail.folder, checkpoint);
    return { outcome: 'bounce', suppressed: bounce.suppressed };
  }
  const clientId = routeMail(mailbox.routes, mail)?.clientId ?? mailbox.clientId;
  const attachments = await storeMessageFiles(ctx.mailDir, mail);
  const rules = await getClientMailRules(ctx.deps, clientId);
  const verdict = judgeUrgency(rules, mail);
  const receivedAt = (mail.date ?? new Date(ctx.deps.clock.now())).toISOString();
  const details = {
    from: list(mail.from).slice(0, 320) || '(unknown sender)',
    subject: mail.subject.slice(0, 998),
    body: mail.text.slice(0, 1_000_000),
    receivedAt,
    mailboxId: mailbox.id,
    ...(mail.messageId ? { messageId: mail.messageId.slice(0, 998) } : {}),
    threadKey: (mail.threadKey || `${mailbox.id}:${mail.uidValidity}:${mail.uid}`).slice(0, 998),
    to: [...mail.to, ...mail.cc].map((a) => a.address).slice(0, 500),
    attachments: attachments.slice(0, 200),
    ...(verdict.urgent
      ? {
          urgent: {
            reasons: verdict.reasons,
            state: rules.forwardUrgentTo ? ('pending' as const) : ('no-address' as const),
            ...(rules.forwardUrgentTo ? { to: rules.forwardUrgentTo } : {}),
          },
        }
      : {}),
  };
  const data = parseInput(
    createTaskSchema,
    {
      kind: 'mail',
      clientId,
      source: 'mail',
      priority: verdict.urgent ? 'urgent' : 'normal',
      title: (mail.subject.trim() || `Mail from ${details.from}`).slice(0, 500),
      details,
    },
    'mail task',
  );
  let task: Task;
  try {
    task = await inTransaction(ctx.deps, { actor: `mail:${mailbox.id}` }, async (unit) => {
      const created = await insertTask(ctx.deps, unit, data, { status: 'open' });
      const trx = unit.trx;
      await trx
        .insertInto('mail_messages')
        .values(messageRow(mailbox, mail, created.id, ctx))
        .execute();
      await saveCheckpoint(trx, ctx, mailbox.id, mail.folder, checkpoint);
      const urgent = data.kind === 'mail' ? data.details.urgent : undefined;
      if (urgent?.state === 'pending' && urgent.to) {
        await queueForward(trx, ctx, {
          mailboxId: mailbox.id,
          from: mailbox.settings.address,
          taskId: created.id,
          to: urgent.to,
          reasons: urgent.reasons,
        });
      }
      return created;
    });
  } catch (error) {
    // Another process (a second `sitedesk serve` on this database) took the same message at
    // the same moment: its row's primary key refused ours and our task was rolled back.
    const winner = await db
      .selectFrom('mail_messages')
      .select('task_id')
      .where('mailbox_id', '=', mailbox.id)
      .where('uid_validity', '=', mail.uidValidity)
      .where('uid', '=', mail.uid)
      .executeTakeFirst();
    if (winner) return { outcome: 'duplicate', taskId: winner.task_id };
    throw error;
  }
  return { outcome: 'created', task, urgent: verdict.urgent };
}

function messageRow(mailbox: Mailbox, mail: IncomingMail, taskId: string, ctx: MailContext) {
  return {
    mailbox_id: mailbox.id,
    uid_validity: mail.uidValidity,
    uid: mail.uid,
    message_id: mail.messageId ?? null,
    thread_key: mail.threadKey || `${mailbox.id}:${mail.uidValidity}:${mail.uid}`,
    task_id: taskId,
    folder: mail.folder,
    content_hash: contentHash(mail),
    created_at: new Date(ctx.deps.clock.now()).toISOString(),
  };
}

/**
 * The key of a message without a Message-ID across a new UIDVALIDITY: its date, sender,
 * subject and body. Two different mails alike in all four are one mail to the secretary too.
 */
export function contentHash(mail: IncomingMail): string {
  const parts = [
    mail.date?.toISOString() ?? '',
    mail.from.map((a) => a.address.toLowerCase()).join(','),
    mail.subject,
    mail.text,
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** The tasks of the conversation `threadKey`, oldest first. */
export async function threadTaskIds(
  ctx: Pick<MailContext, 'deps'>,
  threadKey: string,
): Promise<string[]> {
  const rows = await ctx.deps.db
    .selectFrom('mail_messages')
    .select('task_id')
    .distinct()
    .where('thread_key', '=', threadKey)
    .orderBy('task_id')
    .execute();
  return rows.map((r) => r.task_id);
}

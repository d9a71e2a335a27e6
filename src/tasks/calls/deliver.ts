/**
 * Messages taken on calls, to the client: one e-mail per message (`at-once`), or one digest a
 * day at the client's local time. A message is claimed (`sending`) in a transaction before the
 * send and marked `sent` after, and each digest has its own row keyed by (client, due time),
 * so no message and no day is sent twice, even with two processes running the loop.
 */
import { sql } from 'kysely';
import {
  composeCallMessageMail,
  composeDailyDigest,
  digestDueNow,
  type CallMessage,
} from '../../connectors/calls/index.js';
import type { OutgoingMail } from '../../connectors/mail/index.js';
import { messageOf } from '../../shared/errors.js';
import { getTask } from '../task-list/queries.js';
import { updateTask } from '../task-list/tasks.js';
import type { Task } from '../types.js';
import type { MailContext } from '../mail/context.js';
import { getMailbox, listMailboxes, type Mailbox } from '../mail/mailboxes.js';
import { getCallSettings, listCallSettings, type CallSettings } from './settings.js';

const SYSTEM = { actor: 'calls' };

/** Who the client's messages go to and which mailbox sends them; a reason when it cannot be sent. */
async function addressing(
  ctx: MailContext,
  clientId: string,
  settings: CallSettings | undefined,
): Promise<
  { mailbox: Mailbox; to: string; clientName: string; timezone: string; language?: string } | string
> {
  const client = await ctx.deps.db
    .selectFrom('clients')
    .select(['name', 'contact', 'timezone', 'languages'])
    .where('id', '=', clientId)
    .executeTakeFirstOrThrow();
  const contact = JSON.parse(client.contact) as { email?: string };
  const to = settings?.notifyTo ?? contact.email;
  if (!to) return 'the client has no e-mail address (call settings notifyTo or the contact e-mail)';
  const mailbox = settings?.mailboxId
    ? await getMailbox(ctx.deps, settings.mailboxId)
    : (await listMailboxes(ctx.deps)).find((m) => m.clientId === clientId);
  if (!mailbox) return 'the client has no mailbox to send from';
  const timezone = settings?.profile.availability.timezone ?? client.timezone;
  // The mails are the client's to read: in the client's first language.
  const [language] = JSON.parse(client.languages) as string[];
  return { mailbox, to, clientName: client.name, timezone, ...(language ? { language } : {}) };
}

function messageOfTask(task: Task): CallMessage {
  if (task.kind !== 'call') throw new Error(`task ${task.id} is not a call`);
  const d = task.details;
  return {
    at: Date.parse(d.at),
    number: d.number,
    callerName: d.caller,
    ...(d.topic ? { topic: d.topic } : {}),
    message: d.message,
    callbackWanted: d.callbackWanted,
    ...(d.recordingUrl ? { recordingUrl: d.recordingUrl } : {}),
    ...(d.via ? { via: d.via } : {}),
    // Tasks from before reason codes hold an English sentence: the client's mail leaves it out.
    ...(d.decision?.why ? { why: d.decision.why } : {}),
  };
}

async function record(
  ctx: MailContext,
  taskId: string,
  delivery: {
    state: 'waiting' | 'sent' | 'failed' | 'not-sent';
    how: 'at-once' | 'digest';
    detail?: string;
  },
): Promise<Task> {
  const at = new Date(ctx.deps.clock.now()).toISOString();
  return updateTask(ctx.deps, taskId, { details: { delivery: { ...delivery, at } } }, SYSTEM);
}

/** Claims waiting messages (by task id) for a send; answers the ids actually claimed. */
async function claim(ctx: MailContext, taskIds: string[], due: number | null): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const db = ctx.deps.db;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('call_messages')
      .select('task_id')
      .where('task_id', 'in', taskIds)
      .where('state', '=', 'waiting')
      .execute();
    const ids = rows.map((r) => r.task_id);
    if (ids.length)
      await trx
        .updateTable('call_messages')
        .set({ state: 'sending', digest_due: due })
        .where('task_id', 'in', ids)
        .execute();
    return ids;
  });
}

async function finish(ctx: MailContext, ids: string[], state: 'sent' | 'failed', detail?: string) {
  if (ids.length === 0) return;
  await ctx.deps.db
    .updateTable('call_messages')
    .set({ state, sent_at: new Date(ctx.deps.clock.now()).toISOString(), detail: detail ?? null })
    .where('task_id', 'in', ids)
    .execute();
}

async function send(ctx: MailContext, mailbox: Mailbox, mail: OutgoingMail): Promise<void> {
  await ctx.senderFor(mailbox.settings).send(mail, { saveToSent: false });
}

/** Sends the message of one call task to the client now (clients who want each message at once). */
export async function deliverAtOnce(ctx: MailContext, taskId: string): Promise<Task> {
  const { task } = await getTask(ctx.deps, taskId);
  const claimed = await claim(ctx, [taskId], null);
  if (claimed.length === 0) return task;
  const to = await addressing(ctx, task.clientId, await getCallSettings(ctx.deps, task.clientId));
  if (typeof to === 'string') {
    await finish(ctx, claimed, 'failed', to);
    return record(ctx, taskId, { state: 'not-sent', how: 'at-once', detail: to });
  }
  try {
    await send(
      ctx,
      to.mailbox,
      composeCallMessageMail(
        to.timezone,
        {
          clientName: to.clientName,
          ...(to.language ? { language: to.language } : {}),
          from: {
            address: to.mailbox.settings.address,
            name: to.mailbox.settings.displayName ?? '',
          },
          to: { address: to.to, name: to.clientName },
        },
        messageOfTask(task),
      ),
    );
    await finish(ctx, claimed, 'sent');
    return record(ctx, taskId, { state: 'sent', how: 'at-once' });
  } catch (error) {
    // Not sent: back to waiting, the delivery loop tries again.
    const detail = messageOf(error).slice(0, 2000);
    await ctx.deps.db
      .updateTable('call_messages')
      .set({ state: 'waiting', detail })
      .where('task_id', '=', taskId)
      .execute();
    ctx.logger.warn({ task: taskId, err: error }, 'call message not sent; will retry');
    // The task says it has not gone and why (issue 24: it said nothing, or "waits for the
    // daily summary"); written when the cause is new, not at every retry of the loop.
    const stored = task.kind === 'call' ? task.details.delivery : undefined;
    if (stored?.state === 'waiting' && stored.detail === detail) return task;
    return record(ctx, taskId, { state: 'waiting', how: 'at-once', detail });
  }
}

/** What one delivery pass did. */
export interface DeliveryReport {
  atOnce: number;
  digests: { clientId: string; due: string; count: number; state: string }[];
}

/** One pass: at-once messages still waiting, and each digest that is due (at most one per client and day). */
export async function runCallDeliveries(ctx: MailContext): Promise<DeliveryReport> {
  const report: DeliveryReport = { atOnce: 0, digests: [] };
  const db = ctx.deps.db;
  for (const settings of await listCallSettings(ctx.deps)) {
    const waiting = await db
      .selectFrom('call_messages')
      .select(['task_id', 'at'])
      .where('client_id', '=', settings.clientId)
      .where('state', '=', 'waiting')
      .orderBy('at')
      .execute();
    if (settings.delivery.mode === 'at-once') {
      for (const row of waiting) {
        await deliverAtOnce(ctx, row.task_id);
        report.atOnce++;
      }
      continue;
    }
    const digest = settings.delivery;
    const last = await db
      .selectFrom('call_digests')
      .select(sql<number | null>`max(due)`.as('due'))
      .where('client_id', '=', settings.clientId)
      .executeTakeFirst();
    const due = digestDueNow(digest, last?.due ?? undefined, ctx.deps.clock);
    if (!due) continue;
    const inWindow = waiting.filter((row) => row.at < due.to).map((row) => row.task_id);
    const created = new Date(ctx.deps.clock.now()).toISOString();
    // The digest row is the "once per day": a second process inserting it fails here.
    const inserted = await db
      .insertInto('call_digests')
      .values({
        client_id: settings.clientId,
        due: due.due,
        state: inWindow.length ? 'sending' : 'empty',
        count: inWindow.length,
        detail: null,
        created_at: created,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 || inWindow.length === 0) continue;
    const claimed = await claim(ctx, inWindow, due.due);
    const entry = {
      clientId: settings.clientId,
      due: new Date(due.due).toISOString(),
      count: claimed.length,
      state: 'sent',
    };
    const to = await addressing(ctx, settings.clientId, settings);
    const tasks = await Promise.all(claimed.map(async (id) => (await getTask(ctx.deps, id)).task));
    try {
      if (typeof to === 'string') throw new Error(to);
      const mail = composeDailyDigest(
        digest,
        {
          clientName: to.clientName,
          ...(to.language ? { language: to.language } : {}),
          from: {
            address: to.mailbox.settings.address,
            name: to.mailbox.settings.displayName ?? '',
          },
          to: { address: to.to, name: to.clientName },
        },
        { from: 0, to: due.to },
        tasks.map(messageOfTask),
      );
      if (mail) await send(ctx, to.mailbox, mail);
      await finish(ctx, claimed, 'sent');
      for (const id of claimed) await record(ctx, id, { state: 'sent', how: 'digest' });
    } catch (error) {
      entry.state = 'failed';
      await finish(ctx, claimed, 'failed', messageOf(error));
      for (const id of claimed)
        await record(ctx, id, {
          state: 'failed',
          how: 'digest',
          detail: messageOf(error).slice(0, 2000),
        });
      ctx.logger.warn({ client: settings.clientId, err: error }, 'call digest not sent');
    }
    await db
      .updateTable('call_digests')
      .set({ state: entry.state })
      .where('client_id', '=', settings.clientId)
      .where('due', '=', due.due)
      .execute();
    report.digests.push(entry);
  }
  return report;
}

/** The delivery loop: a pass every `intervalMs` (default 60 000) on the injected clock until stopped. */
export function startCallDeliveryLoop(ctx: MailContext, options: { intervalMs?: number } = {}) {
  let stopped = false;
  let wake = (): void => {};
  // stop() must not wait out a sleep of the whole interval.
  const stopping = new Promise<void>((resolve) => (wake = resolve));
  const interval = options.intervalMs ?? 60_000;
  const done = (async () => {
    while (!stopped) {
      await runCallDeliveries(ctx).catch((err: unknown) =>
        ctx.logger.error({ err }, 'call delivery pass failed'),
      );
      if (!stopped) await Promise.race([ctx.deps.clock.sleep(interval), stopping]);
    }
  })();
  return {
    /** Ends the loop after the current pass (or its sleep). */
    async stop(): Promise<void> {
      stopped = true;
      wake();
      await done;
    },
  };
}

/**
 * The mail outbox (issue 24): every mail sitedesk sends by itself (today: urgent forwards) is
 * a row here, written in the same transaction as the task that wants it, then sent by a worker
 * with a lease, attempts and backoff, like publications (src/tasks/runner). So a forward is
 * never lost (SMTP down at arrival, at restart, a crash mid-send: the row waits and goes when
 * the server answers, without a restart) and never doubled: one worker at a time holds a row,
 * and its Message-ID is fixed when queued, so a resend after a crash in the middle of the SMTP
 * hand-over is the same message to the receiving mail program.
 */
import type { Selectable, Transaction } from 'kysely';
import { composeUrgentForward, MailError, newMessageId } from '../../connectors/mail/index.js';
import { messageOf } from '../../shared/errors.js';
import { jsonText } from '../../store/index.js';
import { newOwnerId, ownerGone } from '../runner/leases.js';
import { getTask } from '../task-queries.js';
import { updateTask } from '../tasks.js';
import type { Task } from '../types.js';
import type { MailContext } from './context.js';
import { getMailbox } from './mailboxes.js';
import { mailDb, type MailDatabase, type MailOutboxTable } from './tables.js';
import { messageOfTask } from './urgent.js';

/** Timing of the outbox worker. */
export interface OutboxOptions {
  /** First wait after a failed attempt, in ms; doubles up to retryMaxMs. Default 15 000. */
  retryInitialMs?: number;
  /** Longest wait between attempts, in ms. Default 600 000 (10 min). */
  retryMaxMs?: number;
  /** How long a claimed row stays ours unless renewed, in ms. Default 60 000. */
  leaseMs?: number;
  /** How often the worker looks for due rows, in ms. Default 5 000. */
  intervalMs?: number;
}

/** What an urgent forward needs besides the task's stored message. */
interface ForwardPayload {
  to: string;
  reasons: string[];
}

type Row = Selectable<MailOutboxTable>;
type MailDetails = Extract<Task, { kind: 'mail' }>['details'];
const iso = (ms: number): string => new Date(ms).toISOString();

/** Queues the urgent forward of mail task `taskId` inside `trx` (the task's own transaction). */
export async function queueForward(
  trx: Transaction<MailDatabase>,
  ctx: Pick<MailContext, 'deps'>,
  input: { mailboxId: string; from: string; taskId: string; to: string; reasons: string[] },
): Promise<void> {
  const at = iso(ctx.deps.clock.now());
  const payload: ForwardPayload = { to: input.to, reasons: input.reasons };
  await trx
    .insertInto('mail_outbox')
    .values({
      id: ctx.deps.newId(),
      mailbox_id: input.mailboxId,
      task_id: input.taskId,
      kind: 'urgent-forward',
      payload: JSON.stringify(payload),
      message_id: newMessageId(input.from),
      state: 'pending',
      attempts: 0,
      next_attempt_at: at,
      owner: null,
      lease_until: null,
      last_error: null,
      sent_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/**
 * Queues the forward of every urgent mail still `pending` without an outbox row (left by a
 * version that sent forwards directly); answers how many were queued.
 */
export async function forwardPending(ctx: MailContext): Promise<number> {
  const rows = await mailDb(ctx.deps.db)
    .selectFrom('tasks')
    .select(['tasks.id', 'tasks.details'])
    .where('kind', '=', 'mail')
    .where(jsonText(ctx.deps.db, 'details', ['urgent', 'state']), '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('mail_outbox').select('id').whereRef('task_id', '=', 'tasks.id'))),
    )
    .execute();
  let queued = 0;
  for (const row of rows) {
    const stored = await messageOfTask(ctx, row.id);
    const urgent = (JSON.parse(row.details) as MailDetails).urgent;
    if (!stored || !urgent?.to) continue;
    const mailbox = await getMailbox(ctx.deps, stored.row.mailbox_id);
    await mailDb(ctx.deps.db)
      .transaction()
      .execute((trx) =>
        queueForward(trx, ctx, {
          mailboxId: mailbox.id,
          from: mailbox.settings.address,
          taskId: row.id,
          to: urgent.to!,
          reasons: urgent.reasons,
        }),
      );
    queued++;
  }
  return queued;
}

/** Puts the forward of `taskId` back in the queue now (the secretary's "Send again"). */
export async function forwardAgain(ctx: MailContext, taskId: string): Promise<boolean> {
  const result = await mailDb(ctx.deps.db)
    .updateTable('mail_outbox')
    .set({ state: 'pending', next_attempt_at: iso(ctx.deps.clock.now()), owner: null })
    .where('task_id', '=', taskId)
    .where('state', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A failure that sending again will not cure: the receiving server refused the recipient or message. */
function isFinal(error: unknown): boolean {
  return error instanceof MailError && error.code === 'mail_send_failed' && !error.retryable;
}

/** The outbox worker of one process. */
export interface MailOutbox {
  /** One pass: takes over rows of dead workers, sends what is due; answers how many went out. */
  runOnce(): Promise<number>;
  /** Runs passes every intervalMs (and at wake()) until stop(). */
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/** Creates the outbox worker; nothing runs until start() or runOnce(). */
export function createMailOutbox(ctx: MailContext, options: OutboxOptions = {}): MailOutbox {
  const self = newOwnerId();
  const leaseMs = options.leaseMs ?? 60_000;
  const initial = options.retryInitialMs ?? 15_000;
  const max = options.retryMaxMs ?? 600_000;
  const db = mailDb(ctx.deps.db);
  const now = () => ctx.deps.clock.now();
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<number> = Promise.resolve(0);
  let stopped = true;

  const takeOver = async (): Promise<void> => {
    const rows = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('state', '=', 'sending')
      .execute();
    for (const row of rows) {
      const expired = row.lease_until === null || Date.parse(row.lease_until) <= now();
      if (row.owner === self || !(expired || ownerGone(row.owner))) continue;
      let update = db
        .updateTable('mail_outbox')
        .set({ state: 'pending', owner: null, lease_until: null, updated_at: iso(now()) })
        .where('id', '=', row.id)
        .where('state', '=', 'sending');
      update =
        row.owner === null
          ? update.where('owner', 'is', null)
          : update.where('owner', '=', row.owner);
      await update.execute();
    }
  };

  const claim = async (row: Row): Promise<boolean> => {
    const result = await db
      .updateTable('mail_outbox')
      .set({
        state: 'sending',
        owner: self,
        lease_until: iso(now() + leaseMs),
        updated_at: iso(now()),
      })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  };

  const sendForward = async (row: Row): Promise<void> => {
    const payload = JSON.parse(row.payload) as ForwardPayload;
    const stored = row.task_id ? await messageOfTask(ctx, row.task_id) : undefined;
    if (!stored) throw new Error('the original message is no longer kept');
    const mailbox = await getMailbox(ctx.deps, row.mailbox_id);
    const forward = composeUrgentForward(
      { ...stored.parsed, raw: stored.raw },
      {
        from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
        to: { address: payload.to, name: '' },
        reasons: payload.reasons,
      },
    );
    await ctx
      .senderFor(mailbox.settings)
      .send({ ...forward, messageId: row.message_id }, { saveToSent: false });
  };

  /** Writes the forward's state on its task, in the words the task page shows. */
  const recordOnTask = async (row: Row, urgent: Record<string, unknown>): Promise<void> => {
    if (!row.task_id) return;
    const { task } = await getTask(ctx.deps, row.task_id);
    if (task.kind !== 'mail' || !task.details.urgent) return;
    // The cause and count of an earlier attempt do not belong to this one.
    const { detail: _old, attempts: _n, next: _next, ...kept } = task.details.urgent;
    void [_old, _n, _next];
    await updateTask(
      ctx.deps,
      task.id,
      { details: { urgent: { ...kept, ...urgent } } },
      { actor: `mail:${row.mailbox_id}` },
    );
  };

  const attempt = async (row: Row): Promise<boolean> => {
    const renew = setInterval(
      () => {
        db.updateTable('mail_outbox')
          .set({ lease_until: iso(now() + leaseMs) })
          .where('id', '=', row.id)
          .where('owner', '=', self)
          .execute()
          .catch((err: unknown) => ctx.logger.warn({ err }, 'renewing an outbox lease failed'));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    const attempts = row.attempts + 1;
    try {
      await sendForward(row);
      clearInterval(renew);
      const at = iso(now());
      await db
        .updateTable('mail_outbox')
        .set({
          state: 'sent',
          sent_at: at,
          attempts,
          owner: null,
          lease_until: null,
          last_error: null,
          updated_at: at,
        })
        .where('id', '=', row.id)
        .where('owner', '=', self)
        .execute();
      await recordOnTask(row, { state: 'forwarded', at });
      return true;
    } catch (error) {
      clearInterval(renew);
      const final = isFinal(error);
      const detail = messageOf(error).slice(0, 2000);
      const wait = Math.min(max, initial * 2 ** (attempts - 1));
      ctx.logger.warn(
        { outbox: row.id, attempts, final, err: error },
        'mail from the outbox not sent',
      );
      await db
        .updateTable('mail_outbox')
        .set({
          state: final ? 'failed' : 'pending',
          attempts,
          next_attempt_at: iso(now() + (final ? 0 : wait)),
          owner: null,
          lease_until: null,
          last_error: detail,
          updated_at: iso(now()),
        })
        .where('id', '=', row.id)
        .where('owner', '=', self)
        .execute();
      await recordOnTask(
        row,
        final
          ? { state: 'failed', detail }
          : { state: 'retrying', detail, attempts, next: iso(now() + wait) },
      );
      return false;
    }
  };

  const runPass = async (): Promise<number> => {
    await takeOver();
    const due = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', iso(now()))
      .orderBy('next_attempt_at')
      .limit(50)
      .execute();
    let sent = 0;
    for (const row of due) if ((await claim(row)) && (await attempt(row))) sent++;
    return sent;
  };

  const outbox: MailOutbox = {
    runOnce() {
      const next = pass.then(runPass, runPass);
      pass = next.catch(() => 0);
      return next;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      const tick = (): void => {
        outbox
          .runOnce()
          .catch((err: unknown) => ctx.logger.error({ err }, 'outbox pass failed'))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 5_000);
          });
      };
      tick();
    },
    wake() {
      if (stopped) return;
      outbox.runOnce().catch((err: unknown) => ctx.logger.error({ err }, 'outbox pass failed'));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
  };
  return outbox;
}

/**
 * The mail outbox (issue 24): every mail sitedesk sends by itself (urgent forwards) or that
 * she sends and must not be lost when the server is down (replies, outbox-reply.ts) is a row here, written in the same transaction as the task that wants it, then sent by a worker
 * with a lease, attempts and backoff, like publications (src/tasks/runner). So a forward is
 * never lost (SMTP down at arrival, at restart, a crash mid-send: the row waits and goes when
 * the server answers, without a restart) and never doubled: one worker at a time holds a row,
 * and its Message-ID is fixed when queued, so a resend after a crash in the middle of the SMTP
 * hand-over is the same message to the receiving mail program.
 */
import { createPassLoop } from '../../shared/pass-loop.js';
import type { Selectable, Transaction } from 'kysely';
import { composeUrgentForward, MailError, newMessageId } from '../../connectors/mail/index.js';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff.js';
import { messageOf } from '../../shared/errors.js';
import { jsonText } from '../../store/index.js';
import { newOwnerId, ownerGone } from '../publishing/runner/leases.js';
import { getTask } from '../task-list/queries.js';
import { updateTask } from '../task-list/tasks.js';
import type { Task } from '../types.js';
import type { MailContext } from './context.js';
import { getMailbox } from './mailboxes.js';
import { type MailOutboxTable } from '../../store/tables/mail.js';
import type { Database } from '../../store/index.js';
import { messageOfTask } from './urgent.js';
import { handOverLetter, takeOverState } from '../letters/outbox-letter.js';
import { recordReply, sendReply, type OutboxOutcome } from './outbox-reply.js';
import { askForRows, dueNow, ROWS_PER_PASS, type RowDelivery } from '../queue/row-delivery.js';

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
  /**
   * The job queue (PostgreSQL): passes ask it for the waiting rows instead of sending them, and
   * a worker sends each row it is handed (deliver). Absent (SQLite): passes send due rows.
   */
  delivery?: RowDelivery;
}

/** What an urgent forward needs besides the task's stored message. */
interface ForwardPayload {
  to: string;
  reasons: string[];
}

// Kept where replies are recorded (it imports nothing of this file); named here for callers.
export type { OutboxOutcome };

type Row = Selectable<MailOutboxTable>;
type MailDetails = Extract<Task, { kind: 'mail' }>['details'];
const iso = (ms: number): string => new Date(ms).toISOString();

/** Queues the urgent forward of mail task `taskId` inside `trx` (the task's own transaction). */
export async function queueForward(
  trx: Transaction<Database>,
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
  const rows = await ctx.deps.db
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
    await ctx.deps.db.transaction().execute((trx) =>
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

/** Puts the mail of `kind` of `taskId` back in the queue now (the secretary's "Send again now"). */
export async function forwardAgain(
  ctx: MailContext,
  taskId: string,
  kind: 'urgent-forward' | 'reply' = 'urgent-forward',
): Promise<boolean> {
  const result = await ctx.deps.db
    .updateTable('mail_outbox')
    .set({ state: 'pending', next_attempt_at: iso(ctx.deps.clock.now()), owner: null })
    .where('task_id', '=', taskId)
    .where('kind', '=', kind)
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
  /** This worker's owner id and lease: a row queued already claimed by it (`sending`) is its own. */
  readonly owner: string;
  readonly leaseMs: number;
  /** Attempts row `id`, queued `sending` under this worker's owner, at once (a reply she sends). */
  attemptNow(id: string): Promise<OutboxOutcome>;
  /**
   * Sends row `id` the job queue handed over, if it is still waiting and due and this worker
   * claims it; anything else (sent, claimed by another, a later retry) makes it a no-op.
   */
  deliver(id: string): Promise<void>;
  /** Runs passes every intervalMs (and at wake()) until stop(). */
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/** What becomes of a letter in the outbox, for its task (src/tasks/letters/send.ts records it). */
export interface LetterOutcome {
  state: 'sent' | 'retrying' | 'failed' | 'unsure';
  at?: string;
  sentCopy?: boolean;
  detail?: string | undefined;
}

/** Listeners of the outbox; letters record their outcome on their task through `onLetter`. */
export interface OutboxHooks {
  onLetter?: (row: Row, outcome: LetterOutcome) => Promise<void>;
}

/** Creates the outbox worker; nothing runs until start() or runOnce(). */
export function createMailOutbox(
  ctx: MailContext,
  options: OutboxOptions = {},
  hooks: OutboxHooks = {},
): MailOutbox {
  const self = newOwnerId();
  const leaseMs = options.leaseMs ?? 60_000;
  // No jitter: a row has one worker at a time, nothing else retries with it.
  const backoff: BackoffOptions = {
    baseMs: options.retryInitialMs ?? 15_000,
    capMs: options.retryMaxMs ?? 600_000,
    jitter: 'none',
  };
  const db = ctx.deps.db;
  const now = () => ctx.deps.clock.now();

  const takeOver = async (): Promise<void> => {
    const rows = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('state', '=', 'sending')
      .execute();
    for (const row of rows) {
      const expired = row.lease_until === null || Date.parse(row.lease_until) <= now();
      if (row.owner === self || !(expired || ownerGone(row.owner))) continue;
      const state = takeOverState(row);
      let update = db
        .updateTable('mail_outbox')
        .set({ state, owner: null, lease_until: null, updated_at: iso(now()) })
        .where('id', '=', row.id)
        .where('state', '=', 'sending');
      update =
        row.owner === null
          ? update.where('owner', 'is', null)
          : update.where('owner', '=', row.owner);
      await update.execute();
      if (state === 'unsure') await hooks.onLetter?.(row, { state: 'unsure' });
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

  const sendForward = async (row: Row): Promise<string> => {
    const payload = JSON.parse(row.payload) as ForwardPayload;
    const stored = row.task_id ? await messageOfTask(ctx, row.task_id) : undefined;
    if (!stored) throw new Error('the original message is no longer kept');
    const mailbox = await getMailbox(ctx.deps, row.mailbox_id);
    // The client reads it: in the client's first language, the original's time in theirs.
    const client = row.task_id
      ? await ctx.deps.db
          .selectFrom('tasks')
          .innerJoin('clients', 'clients.id', 'tasks.client_id')
          .select(['clients.languages', 'clients.timezone'])
          .where('tasks.id', '=', row.task_id)
          .executeTakeFirst()
      : undefined;
    const [language] = client ? (JSON.parse(client.languages) as string[]) : [];
    const forward = composeUrgentForward(
      { ...stored.parsed, raw: stored.raw },
      {
        from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
        to: { address: payload.to, name: '' },
        reasons: payload.reasons,
        ...(language ? { language } : {}),
        ...(client ? { timeZone: client.timezone } : {}),
      },
    );
    await ctx
      .senderFor(mailbox.settings)
      .send({ ...forward, messageId: row.message_id }, { saveToSent: false });
    return '';
  };
  const sendRow = (row: Row): Promise<string> =>
    row.kind === 'reply' ? sendReply(ctx, row) : sendForward(row);

  /** Writes the forward's state on its task, in the words the task page shows. */
  const recordForward = async (row: Row, outcome: OutboxOutcome): Promise<void> => {
    if (!row.task_id) return;
    const urgent =
      outcome.state === 'sent'
        ? { state: 'forwarded', at: outcome.at }
        : outcome.state === 'failed'
          ? { state: 'failed', detail: outcome.detail }
          : outcome;
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

  const record = (row: Row, outcome: OutboxOutcome): Promise<void> =>
    row.kind === 'reply' ? recordReply(ctx, row, outcome) : recordForward(row, outcome);

  const attempt = async (row: Row): Promise<OutboxOutcome> => {
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
      const letter = row.kind === 'letter' ? await handOverLetter(ctx, db, row, self) : undefined;
      const sentCopy = letter ? '' : await sendRow(row);
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
      const outcome: OutboxOutcome = { state: 'sent', at, sentCopy };
      if (letter)
        await hooks.onLetter?.(row, {
          state: 'sent',
          at,
          sentCopy: letter.sentCopy,
          detail: letter.detail,
        });
      else await record(row, outcome);
      return outcome;
    } catch (error) {
      clearInterval(renew);
      const final = isFinal(error);
      const detail = messageOf(error).slice(0, 2000);
      const wait = backoffDelay(attempts, backoff);
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
      const outcome: OutboxOutcome = final
        ? { state: 'failed', detail }
        : { state: 'retrying', detail, attempts, next: iso(now() + wait) };
      if (row.kind === 'letter')
        await hooks.onLetter?.(
          row,
          final ? { state: 'failed', detail } : { state: 'retrying', detail },
        );
      else await record(row, outcome);
      return outcome;
    }
  };

  const runPass = async (): Promise<number> => {
    await takeOver();
    const delivery = options.delivery;
    if (delivery) {
      const waiting = await db
        .selectFrom('mail_outbox')
        .select(['id', 'next_attempt_at'])
        .where('state', '=', 'pending')
        .orderBy('next_attempt_at')
        .limit(ROWS_PER_PASS)
        .execute();
      await askForRows(
        delivery,
        waiting.map((row) => ({ id: row.id, at: Date.parse(row.next_attempt_at) })),
        now(),
      );
      return 0;
    }
    const due = await db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', iso(now()))
      .orderBy('next_attempt_at')
      .limit(50)
      .execute();
    let sent = 0;
    for (const row of due) if ((await claim(row)) && (await attempt(row)).state === 'sent') sent++;
    return sent;
  };

  const outbox: MailOutbox = {
    owner: self,
    leaseMs,
    async attemptNow(id) {
      const row = await db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('id', '=', id)
        .where('owner', '=', self)
        .where('state', '=', 'sending')
        .executeTakeFirstOrThrow();
      return attempt(row);
    },
    async deliver(id) {
      const row = await db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || row.state !== 'pending' || !dueNow(Date.parse(row.next_attempt_at), now()))
        return;
      if (await claim(row)) await attempt(row);
    },
    ...createPassLoop(runPass, {
      intervalMs: options.intervalMs ?? 5_000,
      onError: (err: unknown) => ctx.logger.error({ err }, 'outbox pass failed'),
    }),
  };
  return outbox;
}

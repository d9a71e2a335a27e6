/**
 * Running a mailing (issue 24): one process at a time owns a running mailing, with a lease it
 * renews; a mailing whose owner died (kill -9, a crash) or that stopped because the mail server
 * failed resumes by itself (resumableMailings, run by the mail desk's loop), and the recipients
 * already sent are skipped, so nobody gets it twice. Addresses on the client's suppression
 * list are skipped and counted, checked again just before each send.
 */
import {
  runMailing,
  type MailingReport,
  type RecipientRecord,
  type RecipientStateStore,
} from '../../connectors/mail/index.js';
import { ConflictError } from '../../shared/errors.js';
import { newOwnerId, ownerGone } from '../publishing/runner/leases.js';
import type { MailContext } from './context.js';
import {
  compiled,
  getMailing,
  listMailingRecipients,
  storedMailingSchema,
  type Mailing,
} from './mailings.js';
import { isSuppressed } from './suppressions.js';

/** How a run behaves. */
export interface MailingRunOptions {
  signal?: AbortSignal;
  /** Resend recipients left `sending` by a crash (default: reported unknown, not resent). */
  resendUnknown?: boolean;
  /** This process's name as owner (see newOwnerId); default: one for this run. */
  owner?: string;
  /** Lease length in ms (renewed every third). Default 30 000. */
  leaseMs?: number;
  /** After a mail-server failure, try again this much later, in ms. Default 60 000. */
  retryMs?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Confirms the lease (renewing it) and claims one recipient for sending (`pending` → `sending`)
 * in one transaction, so two processes never send one mail twice — even when one of them was
 * paused past its lease and wakes up: it finds the mailing taken over and stops before sending.
 */
async function claimRecipient(
  ctx: MailContext,
  id: string,
  owner: string,
  leaseMs: number,
  email: string,
  resendUnknown: boolean,
): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const now = ctx.deps.clock.now();
    const lease = await trx
      .updateTable('mailings')
      .set({ lease_until: iso(now + leaseMs) })
      .where('id', '=', id)
      .where('owner', '=', owner)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (Number(lease.numUpdatedRows) !== 1)
      throw new ConflictError(`mailing ${id} was taken over by another sitedesk process`);
    const claimed = await trx
      .updateTable('mailing_recipients')
      .set({ state: 'sending', updated_at: iso(now) })
      .where('mailing_id', '=', id)
      .where('email', '=', email.toLowerCase())
      .where(
        'state',
        'in',
        resendUnknown ? ['pending', 'failed', 'sending'] : ['pending', 'failed'],
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new ConflictError(`${email} of mailing ${id} is being sent by another process`);
  });
}

function recipientState(ctx: MailContext, id: string): RecipientStateStore {
  const db = ctx.deps.db;
  return {
    async load() {
      const rows = await db
        .selectFrom('mailing_recipients')
        .select(['email', 'state', 'retryable', 'detail'])
        .where('mailing_id', '=', id)
        .where('state', '!=', 'pending')
        .execute();
      return new Map(
        rows.map((r) => {
          const record: RecipientRecord = { state: r.state as RecipientRecord['state'] };
          if (r.retryable !== null) record.retryable = r.retryable === 1;
          if (r.detail !== null) record.detail = r.detail;
          return [r.email, record];
        }),
      );
    },
    async mark(email, record) {
      await db
        .updateTable('mailing_recipients')
        .set({
          state: record.state,
          retryable: record.retryable === undefined ? null : record.retryable ? 1 : 0,
          detail: record.detail ?? null,
          updated_at: iso(ctx.deps.clock.now()),
        })
        .where('mailing_id', '=', id)
        .where('email', '=', email.toLowerCase())
        .execute();
    },
  };
}

/**
 * Makes `owner` the owner of mailing `id` unless a live process runs it: a mailing `running`
 * under a lease that has not run out and an owner that exists is a ConflictError.
 */
async function claim(ctx: MailContext, id: string, owner: string, leaseMs: number): Promise<void> {
  const db = ctx.deps.db;
  const row = await db
    .selectFrom('mailings')
    .select(['state', 'owner', 'lease_until'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const now = ctx.deps.clock.now();
  const live =
    row.state === 'running' &&
    row.owner !== owner &&
    row.lease_until !== null &&
    Date.parse(row.lease_until) > now &&
    !ownerGone(row.owner);
  if (live)
    throw new ConflictError(`mailing ${id} is already being sent by another sitedesk process`);
  let update = db
    .updateTable('mailings')
    .set({
      state: 'running',
      owner,
      lease_until: iso(now + leaseMs),
      next_attempt_at: null,
      updated_at: iso(now),
    })
    .where('id', '=', id)
    .where('state', '=', row.state);
  update =
    row.owner === null ? update.where('owner', 'is', null) : update.where('owner', '=', row.owner);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new ConflictError(`mailing ${id} is already being sent by another sitedesk process`);
}

/**
 * Runs (or resumes) a mailing until every recipient is done, it is aborted (`stopped`), or the
 * mail server fails (`waiting`: it resumes by itself after retryMs).
 */
export async function runMailingById(
  ctx: MailContext,
  id: string,
  options: MailingRunOptions = {},
): Promise<Mailing> {
  const db = ctx.deps.db;
  const owner = options.owner ?? newOwnerId();
  const leaseMs = options.leaseMs ?? 30_000;
  const mailing = await getMailing(ctx, id);
  const row = await db
    .selectFrom('mailings')
    .select('options')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const stored = storedMailingSchema.parse(JSON.parse(row.options));
  const { mailbox, promotion } = await compiled(ctx, mailing.clientId, stored, id);
  await claim(ctx, id, owner, leaseMs);
  const renew = setInterval(
    () => {
      db.updateTable('mailings')
        .set({ lease_until: iso(ctx.deps.clock.now() + leaseMs) })
        .where('id', '=', id)
        .where('owner', '=', owner)
        .execute()
        .catch((err: unknown) =>
          ctx.logger.warn({ err, mailing: id }, 'renewing a mailing lease failed'),
        );
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  renew.unref();
  const finish = async (state: string, report?: MailingReport, nextAt?: number) => {
    clearInterval(renew);
    await db
      .updateTable('mailings')
      .set({
        state,
        owner: null,
        lease_until: null,
        next_attempt_at: nextAt === undefined ? null : iso(nextAt),
        ...(report ? { report: JSON.stringify(report) } : {}),
        updated_at: iso(ctx.deps.clock.now()),
      })
      .where('id', '=', id)
      .where('owner', '=', owner)
      .execute();
  };
  try {
    const recipients = (await listMailingRecipients(ctx, id)).map((r) => ({
      email: r.email,
      ...(r.name ? { name: r.name } : {}),
    }));
    const sender = ctx.senderFor(mailbox.settings);
    const state = recipientState(ctx, id);
    const report = await runMailing(
      recipients,
      {
        state: {
          load: state.load,
          // Each send is claimed under the lease: never two processes on one recipient.
          mark: (email, record) =>
            record.state === 'sending'
              ? claimRecipient(ctx, id, owner, leaseMs, email, options.resendUnknown === true)
              : state.mark(email, record),
        },
        send: (mail) => sender.send(mail, { saveToSent: false }),
        compose: (recipient) => promotion.forRecipient(recipient),
        skip: async (recipient) =>
          (await isSuppressed(ctx.deps, mailing.clientId, recipient.email))
            ? 'on the client’s suppression list'
            : undefined,
        clock: ctx.deps.clock,
        logger: ctx.logger.child({ mailing: id }),
      },
      {
        intervalMs: stored.intervalMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.resendUnknown ? { resendUnknown: true } : {}),
      },
    );
    if (report.stoppedBecause && !report.aborted) {
      await finish('waiting', report, ctx.deps.clock.now() + (options.retryMs ?? 60_000));
    } else {
      const finished = report.remaining === 0 && !report.aborted;
      await finish(finished ? 'done' : 'stopped', report);
    }
  } catch (error) {
    await finish('waiting', undefined, ctx.deps.clock.now() + (options.retryMs ?? 60_000));
    throw error;
  }
  return getMailing(ctx, id);
}

/**
 * Mailings that should run and do not: `running` under an owner that is gone or a lease that
 * ran out, and `waiting` ones whose next attempt is due. Their ids, oldest first.
 */
export async function resumableMailings(ctx: Pick<MailContext, 'deps'>): Promise<string[]> {
  const now = ctx.deps.clock.now();
  const rows = await ctx.deps.db
    .selectFrom('mailings')
    .select(['id', 'state', 'owner', 'lease_until', 'next_attempt_at'])
    .where('state', 'in', ['running', 'waiting'])
    .orderBy('created_at')
    .execute();
  return rows
    .filter((r) =>
      r.state === 'waiting'
        ? r.next_attempt_at === null || Date.parse(r.next_attempt_at) <= now
        : r.lease_until === null || Date.parse(r.lease_until) <= now || ownerGone(r.owner),
    )
    .map((r) => r.id);
}

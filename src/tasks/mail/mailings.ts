/**
 * Promotional mailings: one content item to the client's customers from the client's mailbox.
 * The recipients (from a CSV, problems reported and not sent to) are stored with the mailing;
 * each recipient's state is recorded as the mailing goes, so a run stopped or killed anywhere
 * resumes without sending twice (see runMailing in the mail connector).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  compilePromotion,
  parseRecipientsCsv,
  runMailing,
  type MailingReport,
  type RecipientProblem,
  type RecipientRecord,
  type RecipientStateStore,
} from '../../connectors/mail/index.js';
import { NotFoundError } from '../../shared/errors.js';
import { getContentItem } from '../content-items.js';
import { newOwnerId } from '../runner/leases.js';
import { idSchema } from '../schemas-common.js';
import { invalid, parseInput } from '../validate.js';
import type { MailContext } from './context.js';
import {
  claimMailing,
  claimRecipient,
  keepMailingLease,
  MAILING_LEASE_MS,
  releaseStalledMailings,
} from './mailing-lease.js';
import { getMailbox } from './mailboxes.js';
import { mailDb } from './tables.js';

/** Input of createMailing. */
export const createMailingSchema = z.strictObject({
  contentItemId: idSchema,
  mailboxId: z.string().min(1).max(100),
  /** The customers: CSV text with an `email` column (and optionally `name`). */
  csv: z.string().min(1, 'must list at least one recipient').max(5_000_000),
  /** The promotion's live page. */
  pageUrl: z.url(),
  /** The unsubscribe page; `{email}` is replaced by the recipient's address. Must be https://. */
  unsubscribeUrl: z
    .string()
    .min(1)
    .max(2000)
    .includes('{email}', { message: 'must contain {email}' }),
  unsubscribeMailto: z.email().optional(),
  /** `inline` attaches the item's images; `linked` uses imageUrls. Default `linked`. */
  images: z.enum(['inline', 'linked']).default('linked'),
  imageUrls: z.record(z.string(), z.url()).default({}),
  /** Least time between two sends, in ms. Default 2000. */
  intervalMs: z.number().int().min(0).max(3_600_000).default(2_000),
});
export type CreateMailingInput = z.input<typeof createMailingSchema>;
type MailingOptions = z.output<typeof createMailingSchema>;

/** A mailing with its progress. */
export interface Mailing {
  id: string;
  clientId: string;
  contentItemId: string;
  mailboxId: string;
  state: string;
  counts: Record<string, number>;
  report?: MailingReport;
  createdAt: string;
}

/** Where each recipient got to. */
export interface MailingRecipient {
  email: string;
  name?: string;
  state: string;
  detail?: string;
}

async function compiled(ctx: MailContext, clientId: string, options: MailingOptions) {
  const item = await getContentItem(ctx.deps, options.contentItemId);
  if (item.clientId !== clientId) throw new NotFoundError(`No content item with id ${item.id}.`);
  const mailbox = await getMailbox(ctx.deps, options.mailboxId);
  const images =
    options.images === 'inline'
      ? await Promise.all(
          item.images.map(async (image) => ({
            filename: image.filename,
            contentType: image.contentType,
            data: await readFile(image.path),
          })),
        )
      : [];
  const promotion = compilePromotion(
    {
      title: item.title,
      markdown: item.markdown,
      images,
      pageUrl: options.pageUrl,
      ...(item.language ? { language: item.language } : {}),
    },
    {
      from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
      images: options.images,
      imageUrls: options.imageUrls,
      unsubscribeUrl: (email) =>
        options.unsubscribeUrl.replaceAll('{email}', encodeURIComponent(email)),
      ...(options.unsubscribeMailto ? { unsubscribeMailto: options.unsubscribeMailto } : {}),
    },
  );
  return { item, mailbox, promotion };
}

/** Creates a mailing (nothing is sent yet); answers it with the CSV's problems. */
export async function createMailing(
  ctx: MailContext,
  clientId: string,
  input: CreateMailingInput,
): Promise<{ mailing: Mailing; recipients: number; problems: RecipientProblem[] }> {
  const options = parseInput(createMailingSchema, input, 'mailing');
  const { mailbox, promotion } = await compiled(ctx, clientId, options);
  const issues = promotion.problems.map((message) => ({ path: 'content', message }));
  if (mailbox.clientId !== clientId)
    issues.push({ path: 'mailboxId', message: 'not a mailbox of this client' });
  const list = parseRecipientsCsv(options.csv);
  if (list.recipients.length === 0) issues.push({ path: 'csv', message: 'no valid recipient' });
  if (issues.length) throw invalid('mailing', issues);
  const id = ctx.deps.newId();
  const at = new Date(ctx.deps.clock.now()).toISOString();
  const { csv: _csv, ...kept } = options;
  void _csv;
  await mailDb(ctx.deps.db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('mailings')
        .values({
          id,
          client_id: clientId,
          content_item_id: options.contentItemId,
          mailbox_id: options.mailboxId,
          options: JSON.stringify(kept),
          state: 'ready',
          report: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      // Chunks keep each INSERT under SQLite's variable limit.
      for (let i = 0; i < list.recipients.length; i += 100) {
        await trx
          .insertInto('mailing_recipients')
          .values(
            list.recipients.slice(i, i + 100).map((r, j) => ({
              mailing_id: id,
              email: r.email.toLowerCase(),
              name: r.name ?? null,
              position: i + j,
              state: 'pending',
              retryable: null,
              detail: null,
              updated_at: at,
            })),
          )
          .execute();
      }
    });
  return {
    mailing: await getMailing(ctx, id),
    recipients: list.recipients.length,
    problems: list.problems,
  };
}

/** A mailing with counts per state. */
export async function getMailing(ctx: Pick<MailContext, 'deps'>, id: string): Promise<Mailing> {
  const db = mailDb(ctx.deps.db);
  const row = await db.selectFrom('mailings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No mailing with id ${id}.`);
  const counts = await db
    .selectFrom('mailing_recipients')
    .select(['state', db.fn.countAll<number>().as('n')])
    .where('mailing_id', '=', id)
    .groupBy('state')
    .execute();
  const mailing: Mailing = {
    id: row.id,
    clientId: row.client_id,
    contentItemId: row.content_item_id,
    mailboxId: row.mailbox_id,
    state: row.state,
    counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])),
    createdAt: row.created_at,
  };
  if (row.report) mailing.report = JSON.parse(row.report) as MailingReport;
  return mailing;
}

/** Each recipient and its state, in CSV order. */
export async function listMailingRecipients(
  ctx: Pick<MailContext, 'deps'>,
  id: string,
): Promise<MailingRecipient[]> {
  const rows = await mailDb(ctx.deps.db)
    .selectFrom('mailing_recipients')
    .selectAll()
    .where('mailing_id', '=', id)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    email: r.email,
    ...(r.name ? { name: r.name } : {}),
    state: r.state,
    ...(r.detail ? { detail: r.detail } : {}),
  }));
}

function recipientState(ctx: MailContext, id: string): RecipientStateStore {
  const db = mailDb(ctx.deps.db);
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
          updated_at: new Date(ctx.deps.clock.now()).toISOString(),
        })
        .where('mailing_id', '=', id)
        .where('email', '=', email.toLowerCase())
        .execute();
    },
  };
}

/**
 * Runs (or resumes) a mailing until every recipient is done, it is aborted, or the mailbox
 * stops answering. Recipients left `sending` by a crash are not resent unless `resendUnknown`.
 * The mailing is owned by lease (mailing-lease.ts): a ConflictError when another live process
 * runs it; one whose runner is gone (lease ran out, or its process here ended) is taken over.
 */
export async function runMailingById(
  ctx: MailContext,
  id: string,
  options: {
    signal?: AbortSignal;
    resendUnknown?: boolean;
    /** This process's name as owner (default `host:pid:random`). */
    owner?: string;
    leaseMs?: number;
  } = {},
): Promise<Mailing> {
  const db = mailDb(ctx.deps.db);
  const mailing = await getMailing(ctx, id);
  const owner = options.owner ?? newOwnerId();
  const leaseMs = options.leaseMs ?? MAILING_LEASE_MS;
  const row = await db
    .selectFrom('mailings')
    .select('options')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const stored = createMailingSchema.omit({ csv: true }).parse(JSON.parse(row.options));
  const { mailbox, promotion } = await compiled(ctx, mailing.clientId, { ...stored, csv: '-' });
  // Only while this process still owns it: a result under a lost lease is not recorded.
  const setState = async (state: string, report?: MailingReport) =>
    db
      .updateTable('mailings')
      .set({
        state,
        owner: null,
        lease_until: null,
        ...(report ? { report: JSON.stringify(report) } : {}),
        updated_at: new Date(ctx.deps.clock.now()).toISOString(),
      })
      .where('id', '=', id)
      .where('owner', '=', owner)
      .execute();
  await claimMailing(ctx.deps, id, owner, leaseMs);
  const stopLease = keepMailingLease(ctx.deps, id, owner, leaseMs);
  try {
    const recipients = (await listMailingRecipients(ctx, id)).map((r) => ({
      email: r.email,
      ...(r.name ? { name: r.name } : {}),
    }));
    const sender = ctx.senderFor(mailbox.settings);
    const state = recipientState(ctx, id);
    const resendUnknown = options.resendUnknown === true;
    const report = await runMailing(
      recipients,
      {
        state: {
          load: state.load,
          // Each send is claimed under the lease: never two processes on one recipient.
          mark: (email, record) =>
            record.state === 'sending'
              ? claimRecipient(ctx.deps, id, owner, leaseMs, email, resendUnknown)
              : state.mark(email, record),
        },
        send: (mail) => sender.send(mail, { saveToSent: false }),
        compose: (recipient) => promotion.forRecipient(recipient),
        clock: ctx.deps.clock,
        logger: ctx.logger.child({ mailing: id }),
      },
      {
        intervalMs: stored.intervalMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(resendUnknown ? { resendUnknown: true } : {}),
      },
    );
    const finished = report.remaining === 0 && !report.aborted && !report.stoppedBecause;
    await setState(finished ? 'done' : 'stopped', report);
  } catch (error) {
    await setState('stopped');
    throw error;
  } finally {
    stopLease();
  }
  return getMailing(ctx, id);
}

/** Mailings left `running` by a process that is gone: marked `stopped` so they can be resumed. */
export function releaseRunningMailings(ctx: Pick<MailContext, 'deps'>): Promise<number> {
  return releaseStalledMailings(ctx.deps);
}

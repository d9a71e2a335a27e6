/**
 * Promotional mailings: one content item to the client's customers from the client's mailbox.
 * The recipients (from a CSV, problems reported and not sent to) are stored with the mailing;
 * each recipient's state is recorded as the mailing goes, so a run stopped or killed anywhere
 * resumes without sending twice (mailing-run.ts, and runMailing in the mail connector).
 * Addresses on the client's suppression list are skipped (suppressions.ts).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  compilePromotion,
  parseRecipientsCsv,
  type MailingReport,
  type RecipientProblem,
} from '../../connectors/mail/index.js';
import { NotFoundError, type FieldIssue } from '../../shared/errors.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type Actor } from '../context.js';
import { getContentItem, insertContentItem } from '../content-items/items.js';
import { createContentItemSchema } from '../schemas/entities.js';
import type { StoredContentItem } from '../types.js';
import { idSchema } from '../schemas/common.js';
import { invalid, parseInput } from '../validate.js';
import type { MailContext } from './context.js';
import { getMailbox, type Mailbox } from './mailboxes.js';
import { signUnsubscribe, suppressedSet, unsubscribeKey } from './suppressions.js';

/** The fields of a mailing as the API takes them (see createMailingSchema). */
const mailingFields = z.strictObject({
  /** A promotion text already written (its title is the subject). */
  contentItemId: idSchema.optional(),
  /** Or the mail written for this mailing: its subject, … */
  subject: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  /** … its text (Markdown) … */
  markdown: z.string().trim().min(1, 'must not be empty').max(200_000).optional(),
  /** … and language (`cs`, `en`: the words around the text). Default: the client's first. */
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'must be a language code such as cs or en')
    .optional(),
  mailboxId: z.string().min(1).max(100),
  /** The customers: CSV text with an `email` column (and optionally `name`), or one address a line. */
  csv: z.string().min(1, 'must list at least one recipient').max(5_000_000),
  /** The promotion's live page (a "see it on our website" link); none for a mail-only mailing. */
  pageUrl: z.url().optional(),
  /**
   * The client's own unsubscribe page; `{email}` is replaced by the recipient's address. Must
   * be https:// and accept an RFC 8058 one-click POST. Default: sitedesk's own signed link,
   * which puts the address on the client's suppression list.
   */
  unsubscribeUrl: z
    .string()
    .min(1)
    .max(2000)
    .includes('{email}', { message: 'must contain {email}' })
    .optional(),
  unsubscribeMailto: z.email().optional(),
  /** `inline` attaches the item's images; `linked` uses imageUrls. Default `linked`. */
  images: z.enum(['inline', 'linked']).default('linked'),
  imageUrls: z.record(z.string(), z.url()).default({}),
  /** Least time between two sends, in ms. Default 2000. */
  intervalMs: z.number().int().min(0).max(3_600_000).default(2_000),
});

/** Input of createMailing: a content item, or a subject and a text written for the mailing. */
export const createMailingSchema = mailingFields.superRefine((m, ctx) => {
  if (m.contentItemId !== undefined) {
    if (m.subject !== undefined || m.markdown !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['subject'],
        message: 'give either contentItemId or subject and markdown, not both',
      });
    return;
  }
  for (const key of ['subject', 'markdown'] as const)
    if (m[key] === undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: 'needed (or a contentItemId)' });
});
export type CreateMailingInput = z.input<typeof createMailingSchema>;

/** What is kept with a mailing: its options without the CSV and text, and the address of sitedesk's unsubscribe link. */
export const storedMailingSchema = mailingFields
  .omit({ csv: true, subject: true, markdown: true, language: true })
  .extend({ contentItemId: idSchema, unsubscribeBase: z.string().optional() });
type MailingOptions = z.output<typeof storedMailingSchema>;

/** A mailing with its progress. */
export interface Mailing {
  id: string;
  clientId: string;
  contentItemId: string;
  mailboxId: string;
  /** The mail's subject (its text's title). */
  subject: string;
  /** `ready`, `running`, `waiting` (the mail server failed; it resumes by itself at `nextAttemptAt`), `stopped`, `done`. */
  state: string;
  counts: Record<string, number>;
  report?: MailingReport;
  nextAttemptAt?: string;
  createdAt: string;
}

/** Where each recipient got to. */
export interface MailingRecipient {
  email: string;
  name?: string;
  state: string;
  /** For `failed`: true when the mail server failed (it is tried again), false when the address was refused. */
  retryable?: boolean;
  detail?: string;
}

/** The text a mailing sends: its content item, or the one being written with it. */
type MailingText = Pick<StoredContentItem, 'title' | 'markdown' | 'images' | 'language'>;

/** Compiles `text` for the mailing `mailingId`, with its unsubscribe link per recipient. */
async function compileText(
  ctx: MailContext,
  text: MailingText,
  mailbox: Mailbox,
  options: Omit<MailingOptions, 'contentItemId'>,
  mailingId: string,
) {
  const images =
    options.images === 'inline'
      ? await Promise.all(
          text.images.map(async (image) => ({
            filename: image.filename,
            contentType: image.contentType,
            data: await readFile(image.path),
          })),
        )
      : [];
  const key = options.unsubscribeUrl ? undefined : await unsubscribeKey(ctx.secrets);
  const own = (email: string) =>
    `${options.unsubscribeBase ?? ''}/u/${signUnsubscribe(key!, mailingId, email)}`;
  return compilePromotion(
    {
      title: text.title,
      markdown: text.markdown,
      images,
      pageUrl: options.pageUrl,
      ...(text.language ? { language: text.language } : {}),
    },
    {
      from: { address: mailbox.settings.address, name: mailbox.settings.displayName ?? '' },
      images: options.images,
      imageUrls: options.imageUrls,
      unsubscribeUrl: (email) =>
        options.unsubscribeUrl
          ? options.unsubscribeUrl.replaceAll('{email}', encodeURIComponent(email))
          : own(email),
      ...(options.unsubscribeMailto ? { unsubscribeMailto: options.unsubscribeMailto } : {}),
    },
  );
}

/** The mail of a stored mailing, per recipient, with its unsubscribe link. */
export async function compiled(
  ctx: MailContext,
  clientId: string,
  options: MailingOptions,
  mailingId: string,
) {
  const item = await getContentItem(ctx.deps, options.contentItemId);
  if (item.clientId !== clientId) throw new NotFoundError(`No content item with id ${item.id}.`);
  const mailbox = await getMailbox(ctx.deps, options.mailboxId);
  const promotion = await compileText(ctx, item, mailbox, options, mailingId);
  return { item, mailbox, promotion };
}

/**
 * Creates a mailing (nothing is sent yet); answers it with the CSV's problems and how many of
 * its addresses are on the client's suppression list (they will be skipped). `publicUrl` is
 * where recipients reach this sitedesk (for its own unsubscribe link). A subject and text
 * written for the mailing are kept as the client's promotion text (a content item of kind
 * `promotion`, in the same transaction), so the same text can later go on a site too.
 */
export async function createMailing(
  ctx: MailContext,
  clientId: string,
  input: CreateMailingInput,
  where: { publicUrl?: string } = {},
  who: Actor = { actor: 'mail' },
): Promise<{
  mailing: Mailing;
  recipients: number;
  suppressed: number;
  problems: RecipientProblem[];
}> {
  const parsed = parseInput(createMailingSchema, input, 'mailing');
  const id = ctx.deps.newId();
  const { csv, subject, markdown, language, contentItemId, ...kept } = parsed;
  const options = {
    ...kept,
    ...(parsed.unsubscribeUrl || !where.publicUrl
      ? {}
      : { unsubscribeBase: where.publicUrl.replace(/\/+$/, '') }),
  };
  const issues: FieldIssue[] = [];
  if (!options.unsubscribeUrl && !options.unsubscribeBase)
    issues.push({
      path: 'unsubscribeUrl',
      message: 'needed: this sitedesk has no public address (set SITEDESK_PUBLIC_URL)',
    });
  if (issues.length) throw invalid('mailing', issues);
  const mailbox = await getMailbox(ctx.deps, options.mailboxId);
  const client = await getClient(ctx.deps, clientId);
  let text: MailingText;
  if (contentItemId !== undefined) {
    const item = await getContentItem(ctx.deps, contentItemId);
    if (item.clientId !== clientId)
      throw new NotFoundError(`No content item with id ${contentItemId}.`);
    text = item;
  } else {
    text = {
      title: subject!,
      markdown: markdown!,
      images: [],
      language: language ?? client.languages[0] ?? null,
    };
  }
  const promotion = await compileText(ctx, text, mailbox, options, id);
  issues.push(...promotion.problems.map((message) => ({ path: 'content', message })));
  if (mailbox.clientId !== clientId)
    issues.push({ path: 'mailboxId', message: 'not a mailbox of this client' });
  if (mailbox.archivedAt)
    issues.push({ path: 'mailboxId', message: 'the mailbox is archived: read it again first' });
  const list = parseRecipientsCsv(csv);
  if (list.recipients.length === 0) issues.push({ path: 'csv', message: 'no valid recipient' });
  if (issues.length) throw invalid('mailing', issues);
  const suppressed = await suppressedSet(ctx.deps, clientId);
  await inTransaction(ctx.deps, who, async (unit) => {
    const itemId =
      contentItemId ??
      (
        await insertContentItem(
          ctx.deps,
          unit,
          parseInput(
            createContentItemSchema,
            {
              clientId,
              kind: 'promotion',
              title: text.title,
              markdown: text.markdown,
              ...(text.language ? { language: text.language } : {}),
            },
            'mailing',
          ),
        )
      ).id;
    const stored: MailingOptions = { ...options, contentItemId: itemId };
    const trx = unit.trx;
    await trx
      .insertInto('mailings')
      .values({
        id,
        client_id: clientId,
        content_item_id: itemId,
        mailbox_id: stored.mailboxId,
        options: JSON.stringify(stored),
        state: 'ready',
        report: null,
        owner: null,
        lease_until: null,
        next_attempt_at: null,
        created_at: unit.at,
        updated_at: unit.at,
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
            updated_at: unit.at,
          })),
        )
        .execute();
    }
  });
  return {
    mailing: await getMailing(ctx, id),
    recipients: list.recipients.length,
    suppressed: list.recipients.filter((r) => suppressed.has(r.email.toLowerCase())).length,
    problems: list.problems,
  };
}

/** A mailing with counts per state. */
export async function getMailing(ctx: Pick<MailContext, 'deps'>, id: string): Promise<Mailing> {
  const db = ctx.deps.db;
  const row = await db
    .selectFrom('mailings')
    .innerJoin('content_items', 'content_items.id', 'mailings.content_item_id')
    .selectAll('mailings')
    .select('content_items.title')
    .where('mailings.id', '=', id)
    .executeTakeFirst();
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
    subject: row.title,
    state: row.state,
    counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])),
    createdAt: row.created_at,
  };
  if (row.report) mailing.report = JSON.parse(row.report) as MailingReport;
  if (row.state === 'waiting' && row.next_attempt_at) mailing.nextAttemptAt = row.next_attempt_at;
  return mailing;
}

/** Each recipient and its state, in CSV order. */
export async function listMailingRecipients(
  ctx: Pick<MailContext, 'deps'>,
  id: string,
): Promise<MailingRecipient[]> {
  const rows = await ctx.deps.db
    .selectFrom('mailing_recipients')
    .selectAll()
    .where('mailing_id', '=', id)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    email: r.email,
    ...(r.name ? { name: r.name } : {}),
    state: r.state,
    ...(r.state === 'failed' && r.retryable !== null ? { retryable: r.retryable === 1 } : {}),
    ...(r.detail ? { detail: r.detail } : {}),
  }));
}

/**
 * A letter goes out: by e-mail from the client's mailbox through the mail outbox (numbered,
 * PDF made, message built once, register entry and outbox row written in one transaction), or
 * printed and posted on a given day. The outbox reports back through recordLetterOutcome.
 */
import { readFile } from 'node:fs/promises';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import {
  buildRaw,
  newMessageId,
  replyReferences,
  type OutgoingAttachment,
} from '../../connectors/mail/index.js';
import { ConflictError, type FieldIssue } from '../../shared/errors.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type Actor, type ServiceDeps, type Unit } from '../context.js';
import type { MailContext } from '../mail/context.js';
import { listMailboxes } from '../mail/mailboxes.js';
import type { LetterOutcome } from '../mail/outbox.js';
import type { MailOutboxTable } from '../../store/tables/mail.js';
import { messageOfTask } from '../mail/urgent.js';
import { loadTaskRow } from '../task-list/tasks.js';
import { getUploadFile } from '../content-items/uploads.js';
import { invalid, parseInput } from '../validate.js';
import { addressProblems, bodyProblems } from './letter-input.js';
import { renderLetterPdf, type LetterheadForPdf } from './letter-pdf.js';
import { writeLetterDetails } from './letter-writes.js';
import { letterheadForPdf } from './letterheads.js';
import { getLetter, letterDate, type LetterTask } from './letters.js';
import type { LetterPayload } from './outbox-letter.js';
import { nextNumber } from './register.js';
import type { LetterDetails } from './schemas.js';

/** How to send a letter by e-mail. */
export const sendLetterSchema = z.strictObject({
  /** The client's mailbox to send from; default her first one. */
  mailboxId: z.string().min(1).max(100).optional(),
  /** The short text of the mail the PDF is attached to; default a sentence in the letter's language. */
  cover: z.string().trim().min(1).max(20_000).optional(),
});
export type SendLetterInput = z.input<typeof sendLetterSchema>;

/** The day a letter was posted. */
export const postLetterSchema = z.strictObject({
  postedOn: z.iso.date('must be a date such as 2026-12-05'),
});

const COVER = {
  cs: (subject: string, number: string, head: LetterheadForPdf) =>
    `Dobrý den,\n\nv příloze posíláme dopis „${subject}“ (naše značka ${number}).\n\nS pozdravem\n${head.signature.name}\n${head.sender[0] ?? ''}\n`,
  en: (subject: string, number: string, head: LetterheadForPdf) =>
    `Hello,\n\nplease find attached our letter "${subject}" (our ref. ${number}).\n\nKind regards\n${head.signature.name}\n${head.sender[0] ?? ''}\n`,
};

/** The PDF's file name: the number made safe for every mail program (`dopis-2026-014.pdf`). */
export function pdfName(number: string, language: 'cs' | 'en'): string {
  const safe = number.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${language === 'cs' ? 'dopis' : 'letter'}-${safe || 'bez-cisla'}.pdf`;
}

function assertSendable(letter: LetterTask): void {
  const delivery = letter.details.delivery;
  // A failed or unsure one keeps its number and message: it goes again with resendLetter.
  if (delivery)
    throw new ConflictError(`Letter ${delivery.number} has already gone out (or is going).`, {
      code: 'letter_sent',
    });
  if (letter.details.approvalWanted && letter.details.approval?.state !== 'approved')
    throw new ConflictError(
      'The client wants to approve this letter first; send it to her for approval.',
      {
        code: 'letter_not_approved',
      },
    );
}

async function checkAgain(deps: ServiceDeps, letter: LetterTask): Promise<LetterheadForPdf> {
  const { head, archived } = await letterheadForPdf(deps, letter.details.letterheadId);
  const issues: FieldIssue[] = [
    // A letter reopened after its letterhead was removed goes out only on another one.
    ...(archived
      ? [{ path: 'letterheadId', message: 'this letterhead was removed; choose another' }]
      : []),
    ...addressProblems(letter.details.recipient, head),
    ...bodyProblems(letter.details.body),
  ];
  if (issues.length) throw invalid('letter', issues);
  return head;
}

/** Numbers the letter, makes its PDF and queues the mail in the outbox (one transaction). */
export async function queueLetter(
  ctx: MailContext,
  taskId: string,
  input: SendLetterInput,
  who: Actor,
): Promise<LetterTask> {
  const options = parseInput(sendLetterSchema, input, 'letter sending');
  const deps = ctx.deps;
  const letter = await getLetter(deps, taskId);
  assertSendable(letter);
  const email = letter.details.recipient.email;
  if (!email)
    throw invalid('letter sending', [
      { path: 'recipient.email', message: 'is needed to send the letter by e-mail' },
    ]);
  const mailboxes = (await listMailboxes(deps)).filter(
    (m) => m.clientId === letter.clientId && !m.archivedAt,
  );
  const mailbox = options.mailboxId
    ? mailboxes.find((m) => m.id === options.mailboxId)
    : mailboxes[0];
  if (!mailbox)
    throw invalid('letter sending', [
      {
        path: 'mailboxId',
        message: options.mailboxId
          ? 'no mailbox of this client has this id'
          : 'the client has no mailbox to send from',
      },
    ]);
  const head = await checkAgain(deps, letter);
  const client = await getClient(deps, letter.clientId);
  const parent = letter.details.replyTo
    ? await messageOfTask(ctx, letter.details.replyTo)
    : undefined;
  const extra: OutgoingAttachment[] = [];
  for (const id of letter.details.attachments) {
    const file = await getUploadFile(deps, id);
    extra.push({
      filename: file.filename,
      contentType: file.contentType,
      content: await readFile(file.path),
    });
  }
  const at = deps.clock.now();
  const date = letterDate(at, client.timezone, head);
  const from = {
    address: mailbox.settings.address,
    name: mailbox.settings.displayName ?? head.sender[0] ?? '',
  };
  const updated = await inTransaction(deps, who, async (unit) => {
    const row = await loadTaskRow(unit, taskId);
    const { seq, number, pdf } = await numberedPdf(unit, letter, head, date, at);
    const messageId = newMessageId(mailbox.settings.address);
    const { raw } = await buildRaw(
      {
        from,
        to: [{ address: email, name: letter.details.recipient.name }],
        subject: letter.details.subject,
        text: options.cover ?? COVER[head.language](letter.details.subject, number, head),
        messageId,
        ...(parent?.parsed.messageId
          ? { inReplyTo: parent.parsed.messageId, references: replyReferences(parent.parsed) }
          : {}),
        attachments: [
          {
            filename: pdfName(number, head.language),
            contentType: 'application/pdf',
            content: pdf,
          },
          ...extra,
        ],
      },
      new Date(at),
    );
    const payload: LetterPayload = {
      raw: raw.toString('base64'),
      from: mailbox.settings.address,
      to: [email],
    };
    const outboxId = deps.newId();
    const trx = unit.trx;
    await trx
      .insertInto('mail_outbox')
      .values({
        id: outboxId,
        mailbox_id: mailbox.id,
        task_id: taskId,
        kind: 'letter',
        payload: JSON.stringify(payload),
        message_id: messageId,
        state: 'pending',
        attempts: 0,
        next_attempt_at: unit.at,
        owner: null,
        lease_until: null,
        last_error: null,
        sent_at: null,
        created_at: unit.at,
        updated_at: unit.at,
      })
      .execute();
    await trx
      .insertInto('letter_register')
      .values({
        task_id: taskId,
        client_id: letter.clientId,
        year: date.year,
        seq,
        number,
        method: 'email',
        dated: date.day,
        recipient: letter.details.recipient.name,
        email,
        subject: letter.details.subject,
        pdf: pdf.toString('base64'),
        outbox_id: outboxId,
        created_at: unit.at,
      })
      .execute();
    const details: LetterDetails = {
      ...letter.details,
      delivery: { method: 'email', state: 'queued', number },
    };
    return writeLetterDetails(deps, unit, row, details, 'in_progress');
  });
  return await getLetter(deps, updated.id);
}

/** Records that the letter was printed and posted on `postedOn` (numbered, its PDF kept). */
export async function markPosted(
  deps: ServiceDeps,
  taskId: string,
  input: z.input<typeof postLetterSchema>,
  who: Actor,
): Promise<LetterTask> {
  const { postedOn } = parseInput(postLetterSchema, input, 'posting');
  const letter = await getLetter(deps, taskId);
  assertSendable(letter);
  const head = await checkAgain(deps, letter);
  const client = await getClient(deps, letter.clientId);
  const at = deps.clock.now();
  const date = letterDate(at, client.timezone, head);
  await inTransaction(deps, who, async (unit) => {
    const row = await loadTaskRow(unit, taskId);
    const { seq, number, pdf } = await numberedPdf(unit, letter, head, date, at);
    await unit.trx
      .insertInto('letter_register')
      .values({
        task_id: taskId,
        client_id: letter.clientId,
        year: date.year,
        seq,
        number,
        method: 'post',
        dated: date.day,
        recipient: letter.details.recipient.name,
        email: letter.details.recipient.email ?? null,
        subject: letter.details.subject,
        pdf: pdf.toString('base64'),
        outbox_id: null,
        created_at: unit.at,
      })
      .execute();
    const details: LetterDetails = {
      ...letter.details,
      delivery: { method: 'post', state: 'posted', number, at: postedOn },
    };
    await writeLetterDetails(deps, unit, row, details, 'done');
  });
  return getLetter(deps, taskId);
}

/** Writes what the outbox did with a letter onto its task (the outbox's `onLetter` hook). */
export async function recordLetterOutcome(
  deps: ServiceDeps,
  row: Pick<Selectable<MailOutboxTable>, 'task_id' | 'mailbox_id'>,
  outcome: LetterOutcome,
): Promise<void> {
  if (!row.task_id) return;
  const taskId = row.task_id;
  await inTransaction(deps, { actor: `mail:${row.mailbox_id}` }, async (unit) => {
    const task = await loadTaskRow(unit, taskId);
    const details = JSON.parse(task.details) as LetterDetails;
    if (!details.delivery) return;
    const delivery: LetterDetails['delivery'] = {
      method: 'email',
      number: details.delivery.number,
      state: outcome.state,
      ...(outcome.at ? { at: outcome.at } : {}),
      ...(outcome.detail ? { detail: outcome.detail.slice(0, 2000) } : {}),
      ...(outcome.sentCopy !== undefined ? { sentCopy: outcome.sentCopy } : {}),
    };
    const status =
      outcome.state === 'sent' ? 'done' : outcome.state === 'failed' ? 'failed' : undefined;
    await writeLetterDetails(deps, unit, task, { ...details, delivery }, status);
  });
}

/** What the secretary says about a letter that failed or may not have arrived. */
export const resendSchema = z.strictObject({
  /** `send-again`: hand the same message over again; `arrived`: it did, keep the Sent copy only. */
  answer: z.enum(['send-again', 'arrived']),
});

/**
 * Puts a `failed` or `unsure` letter back into the outbox: the same message (same Message-ID,
 * same PDF) again, or — when she knows it arrived — only the Sent copy and the record.
 */
export async function resendLetter(
  ctx: MailContext,
  taskId: string,
  input: z.input<typeof resendSchema>,
): Promise<boolean> {
  const { answer } = parseInput(resendSchema, input, 'letter resend');
  const letter = await getLetter(ctx.deps, taskId);
  const state = letter.details.delivery?.state;
  if (state !== 'failed' && state !== 'unsure')
    throw new ConflictError(
      'Only a letter that failed or may not have arrived can be sent again.',
      { code: 'letter_not_resendable' },
    );
  if (answer === 'arrived' && state !== 'unsure')
    throw invalid('letter resend', [
      { path: 'answer', message: 'only an unsure letter can be marked as arrived' },
    ]);
  const result = await ctx.deps.db
    .updateTable('mail_outbox')
    .set({
      state: 'pending',
      stage: answer === 'arrived' ? 'smtp-done' : null,
      next_attempt_at: new Date(ctx.deps.clock.now()).toISOString(),
      owner: null,
      lease_until: null,
    })
    .where('task_id', '=', taskId)
    .where('kind', '=', 'letter')
    .where('state', 'in', ['failed', 'unsure'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The letter's next number in the client's register and its PDF with that number, in `unit`. */
async function numberedPdf(
  unit: Unit,
  letter: LetterTask,
  head: Parameters<typeof renderLetterPdf>[0]['letterhead'],
  date: ReturnType<typeof letterDate>,
  at: number,
) {
  const { seq, number } = await nextNumber(unit.trx, letter.clientId, date.year, head.numbering);
  const pdf = await renderLetterPdf({
    letterhead: head,
    recipient: letter.details.recipient,
    subject: letter.details.subject,
    body: letter.details.body,
    date: date.printed,
    number,
    at,
  });
  return { seq, number, pdf };
}

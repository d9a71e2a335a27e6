/**
 * A letter's way through the mail outbox (src/tasks/mail/outbox.ts), step by step, each step
 * written down before the next begins, so a process killed at any point is taken over without
 * a second mail:
 *  1. `stage = smtp` is committed, then the raw message (built once when queued) goes to SMTP;
 *  2. `stage = smtp-done` is committed as soon as the server took it;
 *  3. the same bytes are appended to the Sent folder unless a message with its Message-ID is
 *     already there; then the row is `sent`.
 * A row found after a crash at stage `smtp-done` only does step 3. A row found at stage `smtp`
 * may or may not have reached the server (the hand-over was cut): it becomes `unsure` and is
 * not sent again by itself; the secretary says "it arrived" or "send again" (resolveUnsure).
 */
import type { Kysely, Selectable } from 'kysely';
import type { MailContext } from '../mail/context.js';
import { getMailbox } from '../mail/mailboxes.js';
import type { MailOutboxTable } from '../../store/tables/mail.js';
import type { Database } from '../../store/index.js';

type Row = Selectable<MailOutboxTable>;

/** What a letter row carries: the message as it goes, and its envelope. */
export interface LetterPayload {
  /** The RFC 5322 message, base64. */
  raw: string;
  from: string;
  to: string[];
}

/** Hands one claimed letter row over (steps 1–3 above); answers whether the Sent copy was saved. */
export async function handOverLetter(
  ctx: MailContext,
  db: Kysely<Database>,
  row: Row,
  owner: string,
): Promise<{ sentCopy: boolean; detail?: string }> {
  const payload = JSON.parse(row.payload) as LetterPayload;
  const raw = Buffer.from(payload.raw, 'base64');
  const mailbox = await getMailbox(ctx.deps, row.mailbox_id);
  const sender = ctx.senderFor(mailbox.settings);
  const setStage = (stage: string | null) =>
    db
      .updateTable('mail_outbox')
      .set({ stage })
      .where('id', '=', row.id)
      .where('owner', '=', owner)
      .execute();
  if (row.stage !== 'smtp-done') {
    await setStage('smtp');
    try {
      await sender.sendRaw(raw, { from: payload.from, to: payload.to });
    } catch (error) {
      // The server answered with an error: it did not take the letter, so trying again is safe.
      await setStage(null);
      throw error;
    }
    await setStage('smtp-done');
  }
  const copy = await sender.saveToSentOnce(raw, row.message_id);
  return copy.state === 'saved'
    ? { sentCopy: true }
    : { sentCopy: false, detail: copy.state === 'failed' ? copy.reason : undefined };
}

/** What a taken-over row becomes: letters cut mid-hand-over are `unsure`, never resent blindly. */
export function takeOverState(row: Row): 'pending' | 'unsure' {
  return row.kind === 'letter' && row.stage === 'smtp' ? 'unsure' : 'pending';
}

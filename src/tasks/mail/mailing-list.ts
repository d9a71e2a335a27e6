/**
 * A client's mailings as the mailings screen lists them, and the test mail she sends to
 * herself before a mailing goes out (issue 24).
 */
import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import { parseInput } from '../validate.js';
import type { MailContext } from './context.js';
import { compiled, getMailing, storedMailingSchema, type Mailing } from './mailings.js';

/** A client's mailings, newest first (at most `limit`, default 50). */
export async function listMailings(
  ctx: Pick<MailContext, 'deps'>,
  clientId: string,
  limit = 50,
): Promise<Mailing[]> {
  const rows = await ctx.deps.db
    .selectFrom('mailings')
    .select('id')
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return Promise.all(rows.map((r) => getMailing(ctx, r.id)));
}

/** Input of sendTestMail. */
export const testMailSchema = z.strictObject({
  /** Where the test goes (her own address); it is not a recipient of the mailing. */
  to: z.email('must be an e-mail address'),
});

/**
 * Sends mailing `id`'s mail once to `to`, exactly as a recipient gets it (no copy in Sent,
 * no recipient's state touched). A mail-server failure is a MailError with its cause.
 */
export async function sendTestMail(
  ctx: MailContext,
  id: string,
  input: unknown,
): Promise<{ to: string; messageId: string }> {
  const { to } = parseInput(testMailSchema, input, 'test mail');
  const mailing = await getMailing(ctx, id);
  const row = await ctx.deps.db
    .selectFrom('mailings')
    .select('options')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No mailing with id ${id}.`);
  const stored = storedMailingSchema.parse(JSON.parse(row.options));
  const { mailbox, promotion } = await compiled(ctx, mailing.clientId, stored, id);
  const sent = await ctx
    .senderFor(mailbox.settings)
    .send(promotion.forRecipient({ email: to }), { saveToSent: false });
  return { to, messageId: sent.messageId };
}

/**
 * Bounces feed the suppression list (issue 24). A delivery report (RFC 3464) in a client's
 * mailbox saying an address a mailing of that client sent to failed for good (5.x.x) puts the
 * address on the client's list with reason `bounced`, and the report becomes no task: she has
 * nothing to do about it, and the list (with its reason) is where she sees it. A report about
 * anything else — a reply of hers that bounced, a delay, an address no mailing reached — stays
 * a normal mail task, as before.
 */
import { permanentFailures, type IncomingMail } from '../../connectors/mail/index.js';
import type { MailContext } from './context.js';
import type { Mailbox } from './mailboxes.js';
import { suppress } from './suppressions.js';

/** What a bounce did: the addresses put on the list, or nothing (take it as a normal mail). */
export type BounceOutcome = { suppressed: string[] } | undefined;

/** Suppresses the mailing recipients `mail` reports as permanently failed; undefined when it is no such report. */
export async function takeBounce(
  ctx: MailContext,
  mailbox: Mailbox,
  mail: IncomingMail,
): Promise<BounceOutcome> {
  const failures = permanentFailures(mail.raw);
  if (failures.length === 0) return undefined;
  const db = ctx.deps.db;
  const suppressed: string[] = [];
  for (const failure of failures) {
    // The mailing that reached this address from this mailbox, newest first.
    const sent = await db
      .selectFrom('mailing_recipients')
      .innerJoin('mailings', 'mailings.id', 'mailing_recipients.mailing_id')
      .select(['mailings.id', 'mailings.client_id'])
      .where('mailings.mailbox_id', '=', mailbox.id)
      .where('mailing_recipients.email', '=', failure.email)
      .where('mailing_recipients.state', '=', 'sent')
      .orderBy('mailings.created_at', 'desc')
      .executeTakeFirst();
    if (!sent) continue;
    await suppress(ctx.deps, sent.client_id, failure.email, 'bounced', sent.id);
    suppressed.push(failure.email);
  }
  // A report that also names other addresses (not from a mailing) is still hers to read.
  if (suppressed.length !== failures.length) return undefined;
  ctx.logger.info(
    { mailbox: mailbox.id, suppressed: suppressed.length },
    'bounce report: addresses put on the suppression list',
  );
  return { suppressed };
}

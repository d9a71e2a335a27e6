/**
 * Sending a promotion to many recipients: rate-limited, abortable and resumable. Each
 * recipient's state is written through a store the caller supplies (the database), marked
 * `sending` before the SMTP hand-over and `sent` after it, so a crash never sends twice:
 *
 * - `sent` recipients are skipped on every later run;
 * - a `sending` recipient found on resume is one whose fate is unknown (the process died
 *   during the hand-over: the server may or may not have taken it). By default it is
 *   reported as "unknown — not resent": a duplicate advertisement annoys the customer and
 *   earns spam reports, a missing one the secretary can check and send by hand.
 *   `resendUnknown: true` resends them instead;
 * - `failed` recipients: a refused address (5xx to RCPT TO or the message) is final and the
 *   mailing goes on; any other failure (login refused, connection, TLS, 4xx) is the mailbox's,
 *   so the run stops there and the next run tries that recipient again.
 *
 * One mailing must have one runner at a time (the caller's job lock): the state is read once
 * at the start of a run.
 */
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { messageOf } from '../../shared/errors.js';
import { MailError } from './errors.js';
import type { OutgoingMail } from './outgoing.js';
import type { PromotionRecipient } from './promotion-mail.js';

/** Where one recipient got to; `skipped`: not sent because `skip` said so (unsubscribed). */
export type RecipientState = 'sending' | 'sent' | 'failed' | 'skipped';

/** What the store keeps per recipient. */
export interface RecipientRecord {
  state: RecipientState;
  /** For `failed`: whether trying again may work. */
  retryable?: boolean;
  /** For `sent`: the Message-ID; for `failed`: the reason. */
  detail?: string;
}

/** Durable per-recipient state of one mailing, supplied by the caller. Keys are lowercase addresses. */
export interface RecipientStateStore {
  load(): Promise<Map<string, RecipientRecord>>;
  mark(email: string, record: RecipientRecord): Promise<void>;
}

/** How to run a mailing. */
export interface MailingOptions {
  /** Least time between two sends, in ms (a provider's rate limit). Default 2 000. */
  intervalMs?: number;
  /** Resend recipients left `sending` by a crash. Default false (reported as unknown). */
  resendUnknown?: boolean;
  /** Stops after the current recipient. */
  signal?: AbortSignal;
}

/** What the mailing needs. `send` is the mailbox sender's send (without a Sent copy). */
export interface MailingDeps {
  state: RecipientStateStore;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  compose(recipient: PromotionRecipient): OutgoingMail;
  /** Asked just before each send: a reason not to send to this recipient (e.g. unsubscribed since). */
  skip?(recipient: PromotionRecipient): Promise<string | undefined>;
  clock: Clock;
  logger: Logger;
}

/** The outcome of one run. */
export interface MailingReport {
  /** Sent in this run. */
  sent: number;
  /** Sent by an earlier run. */
  alreadySent: number;
  /** Not sent because `skip` gave a reason (in this run or an earlier one). */
  skipped: number;
  /** Left `sending` by a crash and not resent: may or may not have arrived. */
  unknown: string[];
  failed: { email: string; reason: string; retryable: boolean }[];
  /** Not tried in this run (aborted or stopped by a connection problem). */
  remaining: number;
  aborted: boolean;
  /** Set when the run stopped early because the server could not be reached. */
  stoppedBecause?: string;
}

/** Sends to every recipient not yet sent to, one at a time. */
export async function runMailing(
  recipients: readonly PromotionRecipient[],
  deps: MailingDeps,
  options: MailingOptions = {},
): Promise<MailingReport> {
  const interval = options.intervalMs ?? 2_000;
  const known = await deps.state.load();
  const report: MailingReport = {
    sent: 0,
    alreadySent: 0,
    skipped: 0,
    unknown: [],
    failed: [],
    remaining: 0,
    aborted: false,
  };
  const todo: PromotionRecipient[] = [];
  for (const recipient of recipients) {
    const email = recipient.email.toLowerCase();
    const record = known.get(email);
    if (record?.state === 'sent') report.alreadySent++;
    else if (record?.state === 'skipped') report.skipped++;
    else if (record?.state === 'sending' && !options.resendUnknown) report.unknown.push(email);
    else if (record?.state === 'failed' && !record.retryable) {
      report.failed.push({ email, reason: record.detail ?? 'refused earlier', retryable: false });
    } else todo.push({ ...recipient, email });
  }
  let lastSendAt: number | undefined;
  for (let i = 0; i < todo.length; i++) {
    const recipient = todo[i]!;
    if (options.signal?.aborted) {
      report.aborted = true;
      report.remaining = todo.length - i;
      break;
    }
    const why = await deps.skip?.(recipient);
    if (why !== undefined) {
      await deps.state.mark(recipient.email, { state: 'skipped', detail: why });
      report.skipped++;
      continue;
    }
    if (lastSendAt !== undefined) {
      const wait = lastSendAt + interval - deps.clock.now();
      if (wait > 0) await deps.clock.sleep(wait);
    }
    lastSendAt = deps.clock.now();
    await deps.state.mark(recipient.email, { state: 'sending' });
    try {
      const { messageId } = await deps.send(deps.compose(recipient));
      await deps.state.mark(recipient.email, { state: 'sent', detail: messageId });
      report.sent++;
    } catch (error) {
      const retryable = error instanceof MailError ? error.retryable : true;
      const reason = messageOf(error);
      await deps.state.mark(recipient.email, { state: 'failed', retryable, detail: reason });
      report.failed.push({ email: recipient.email, reason, retryable });
      if (retryable) {
        // The server is not answering: the rest would fail the same way. The next run resumes.
        report.stoppedBecause = reason;
        report.remaining = todo.length - i - 1;
        deps.logger.warn({ reason, remaining: report.remaining }, 'mailing stopped; resume later');
        break;
      }
    }
  }
  return report;
}

/** The API's answers the mailings screen reads (src/tasks/mail/mailings.ts). */

/** A mailing with counts per recipient state. */
export interface MailingView {
  id: string;
  clientId: string;
  mailboxId: string;
  subject: string;
  /** `ready`, `running`, `waiting`, `stopped`, `done`. */
  state: string;
  counts: Record<string, number>;
  report?: { stoppedBecause?: string; failed: { email: string; reason: string }[] };
  nextAttemptAt?: string;
  createdAt: string;
}

/** One recipient and where it got to. */
export interface RecipientView {
  email: string;
  name?: string;
  /** `pending`, `sending`, `sent`, `skipped`, `failed`. */
  state: string;
  /** For `failed`: the mail server failed and it is tried again (not the address refused). */
  retryable?: boolean;
  detail?: string;
}

/** A line of the recipients that is not sent to. */
export interface RecipientProblemView {
  line: number;
  value: string;
  problem: 'invalid' | 'duplicate' | 'missing';
}

/** POST /api/v1/clients/:id/mailings. */
export interface CreatedMailing {
  mailing: MailingView;
  recipients: number;
  suppressed: number;
  problems: RecipientProblemView[];
}

/** A mailbox as the list gives it (only what this screen needs). */
export interface MailboxChoice {
  id: string;
  clientId: string;
  settings: { address: string };
  archivedAt?: string;
}

/** An address on the suppression list. */
export interface SuppressionView {
  email: string;
  reason: string;
  at: string;
}

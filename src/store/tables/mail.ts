/** The tables of mail and calls (migration 0003-mail-calls), part of the store's Database. */
import type { ColumnType } from 'kysely';

/** A mailbox: settings JSON (never the password), its client, agency routes, last health. */
export interface MailboxesTable {
  id: string;
  client_id: string;
  settings: string;
  routes: string;
  start_from: string;
  health_state: string;
  health_reason: string | null;
  health_since: string | null;
  /** The intake process that last reported health, when, and how often it reports (migration 0014). */
  health_owner: string | null;
  health_beat_at: string | null;
  health_every_ms: number | null;
  /** Set when archived (migration 0009): kept for its threads, no longer read by the intake. */
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Where the intake got to in one folder of a mailbox. */
export interface MailCheckpointsTable {
  mailbox_id: string;
  folder: string;
  uid_validity: string;
  last_uid: number;
  updated_at: string;
}

/** Each message taken, once: (mailbox, UIDVALIDITY, UID) is the key; Message-ID for dedupe. */
export interface MailMessagesTable {
  mailbox_id: string;
  uid_validity: string;
  uid: number;
  message_id: string | null;
  thread_key: string;
  task_id: string;
  folder: string;
  /** Hash of date, sender, subject and body: the key of a message without a Message-ID. */
  content_hash: string | null;
  created_at: string;
}

/** A mail sitedesk sends by itself (urgent forward), until it went out (migration 0009). */
export interface MailOutboxTable {
  id: string;
  mailbox_id: string;
  task_id: string | null;
  /** `urgent-forward` or `letter`. */
  kind: string;
  /** JSON: what to compose (for a forward: `{ to, reasons }`). */
  payload: string;
  /** Fixed when queued, so a resend after a crash is the same message to the receiver. */
  message_id: string;
  /**
   * `pending`, `sending`, `sent`, `failed` (refused: sending again will not help); letters also
   * `unsure` (a process died mid-hand-over: it may have arrived, so it is not resent by itself).
   */
  state: string;
  attempts: number;
  next_attempt_at: string;
  owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
  /**
   * A letter's hand-over (migration 0012): null before, `smtp` while the SMTP server may be
   * taking it, `smtp-done` once it took it (then only the Sent copy is left to do).
   */
  stage: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An address no mailing of the client may reach (unsubscribed, bounced, added by hand). */
export interface MailSuppressionsTable {
  client_id: string;
  email: string;
  /** `unsubscribed`, `bounced`, `manual`. */
  reason: string;
  mailing_id: string | null;
  created_at: string;
}

/** A client's urgent-mail rules (JSON of clientMailRulesSchema). */
export interface ClientMailRulesTable {
  client_id: string;
  rules: string;
  updated_at: string;
}

/** A client's call settings: profile (availability, forwarding), delivery of messages. */
export interface ClientCallSettingsTable {
  client_id: string;
  profile: string;
  /** JSON: `{"mode":"at-once"}` or `{"mode":"digest","timezone":…,"time":…}`. */
  delivery: string;
  notify_to: string | null;
  mailbox_id: string | null;
  /** JSON array of the client's phone lines (webhook `to.number`). */
  lines: string;
  updated_at: string;
}

/** A message taken on a call, until it has reached the client. `at` is epoch ms. */
export interface CallMessagesTable {
  task_id: string;
  client_id: string;
  at: number;
  /** `waiting` (for the digest), `sending`, `sent`, `failed`. */
  state: string;
  digest_due: number | null;
  sent_at: string | null;
  detail: string | null;
}

/** One daily digest per client and due time (the key forbids a second one). */
export interface CallDigestsTable {
  client_id: string;
  due: number;
  state: string;
  count: number;
  detail: string | null;
  created_at: string;
}

/** Webhook event ids seen, until `expires_at` (epoch ms). */
export interface WebhookNoncesTable {
  id: string;
  expires_at: number;
}

/** A promotional mailing of one content item from one mailbox. */
export interface MailingsTable {
  id: string;
  client_id: string;
  content_item_id: string;
  mailbox_id: string;
  options: string;
  state: string;
  report: string | null;
  /** The process running it and until when (renewed while it runs). */
  owner: string | null;
  lease_until: string | null;
  /** For a mailing stopped by an SMTP fault: when it tries again by itself. */
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One recipient of a mailing and where it got to (`pending`, `sending`, `sent`, `failed`). */
export interface MailingRecipientsTable {
  mailing_id: string;
  email: string;
  name: string | null;
  position: number;
  state: string;
  retryable: number | null;
  detail: string | null;
  updated_at: string;
}

/** The mail and call tables. */
export type MailTables = {
  mailboxes: MailboxesTable;
  mail_checkpoints: MailCheckpointsTable;
  mail_messages: MailMessagesTable;
  client_mail_rules: ClientMailRulesTable;
  client_call_settings: ClientCallSettingsTable;
  call_messages: CallMessagesTable;
  call_digests: CallDigestsTable;
  webhook_nonces: WebhookNoncesTable;
  mailings: MailingsTable;
  mailing_recipients: MailingRecipientsTable;
  mail_outbox: MailOutboxTable;
  mail_suppressions: MailSuppressionsTable;
};

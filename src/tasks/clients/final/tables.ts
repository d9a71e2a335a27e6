/**
 * Where a client's rows are, table by table, for its final removal (issue 21). Every table of
 * the database is named here, either with the steps that find the client's rows in it or in
 * TABLES_WITHOUT_CLIENT_DATA; a unit test lists the tables of a migrated database and fails
 * on one that is in neither, so a new table cannot be forgotten.
 */

/** The sets of ids a removal collects first; a step deletes the rows whose column is in one. */
export type IdSet =
  | 'client'
  | 'sites'
  | 'tasks'
  | 'texts'
  | 'schedules'
  | 'publications'
  | 'previews'
  | 'mailboxes'
  | 'mailings'
  | 'outbox'
  | 'uploads';

/** Delete the rows of `table` whose `column` is one of the ids of `of`. */
export interface RemovalStep {
  table: string;
  column: string;
  of: IdSet;
}

const step = (table: string, column: string, of: IdSet): RemovalStep => ({ table, column, of });

/**
 * The deletions, children before parents (foreign keys are on). The history is not here: it
 * is handled on its own (see docs/decisions/client-final-removal.md).
 */
export const REMOVAL_STEPS: readonly RemovalStep[] = [
  step('publication_texts', 'publication_id', 'publications'),
  step('publications', 'id', 'publications'),
  step('previews', 'id', 'previews'),
  step('mailing_recipients', 'mailing_id', 'mailings'),
  step('mailings', 'id', 'mailings'),
  step('mail_suppressions', 'client_id', 'client'),
  step('mail_outbox', 'id', 'outbox'),
  step('mail_messages', 'task_id', 'tasks'),
  step('mail_messages', 'mailbox_id', 'mailboxes'),
  step('mail_checkpoints', 'mailbox_id', 'mailboxes'),
  step('call_messages', 'task_id', 'tasks'),
  step('call_messages', 'client_id', 'client'),
  step('call_digests', 'client_id', 'client'),
  step('client_call_settings', 'client_id', 'client'),
  step('client_mail_rules', 'client_id', 'client'),
  step('meetings', 'client_id', 'client'),
  step('calendars', 'client_id', 'client'),
  step('client_meeting_rules', 'client_id', 'client'),
  step('letter_pdfs', 'task_id', 'tasks'),
  step('letter_register', 'client_id', 'client'),
  step('letterheads', 'client_id', 'client'),
  step('letter_templates', 'client_id', 'client'),
  step('schedule_runs', 'task_id', 'tasks'),
  step('schedule_runs', 'schedule_id', 'schedules'),
  step('schedule_texts', 'schedule_id', 'schedules'),
  step('tasks', 'id', 'tasks'),
  step('site_regions', 'client_id', 'client'),
  step('site_regions', 'site_id', 'sites'),
  step('mailboxes', 'id', 'mailboxes'),
  step('content_items', 'id', 'texts'),
  step('schedules', 'id', 'schedules'),
  step('sites', 'id', 'sites'),
  step('client_links', 'client_id', 'client'),
  step('uploads', 'id', 'uploads'),
  // Recent live changes kept for replays on PostgreSQL (migration 0021).
  step('live_events', 'client_id', 'client'),
  step('clients', 'id', 'client'),
];

/** Tables that never hold a client's data: the agency's accounts, ledgers, webhook nonces. */
export const TABLES_WITHOUT_CLIENT_DATA: readonly string[] = [
  'users',
  'sessions',
  'api_tokens',
  'setup_tokens',
  'webhook_nonces',
  // A permit that exists only inside a final removal's own transaction (migration 0018).
  'history_erasures',
  'kysely_migration',
  'kysely_migration_lock',
  'accounts_migration',
  'accounts_migration_lock',
  // Failed sign-ins by IP address or user name (migration 0019): no client's data.
  'login_failures',
];

/** Every table a removal clears rows of (the steps' tables and the history). */
export function tablesWithClientData(): string[] {
  return [...new Set([...REMOVAL_STEPS.map((s) => s.table), 'history'])];
}

import type { AccountTables } from './tables/accounts.js';
import type { LetterTables } from './tables/letters.js';
import type { LiveEventTables } from './tables/live-events.js';
import type { MailTables } from './tables/mail.js';
import type { MeetingTables } from './tables/meetings.js';
import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Column types are portable between SQLite and PostgreSQL:
 * ids are ULID text, timestamps are ISO-8601 UTC text with milliseconds
 * (`2026-01-01T09:00:00.000Z`, which sorts like time), JSON is text, booleans are 0/1 integers.
 * Secrets are never stored here: a site's secret lives in the SecretStore under `site:<id>`.
 */

/** A business the secretary works for. `languages`, `contact`, `availability` are JSON text. */
export interface ClientsTable {
  id: string;
  name: string;
  /** IANA zone, e.g. `Europe/Prague`; schedules are evaluated in it. */
  timezone: string;
  languages: string;
  contact: string;
  availability: string;
  created_at: string;
  updated_at: string;
  /**
   * When it was removed while history, tasks or publications still name it (migration 0004);
   * archived: hidden from lists, refused for new work. Null while in use.
   */
  archived_at: string | null;
}

/** One website of a client. `settings` is JSON text and never holds a secret. */
export interface SitesTable {
  id: string;
  client_id: string;
  name: string;
  kind: string;
  url: string;
  settings: string;
  created_at: string;
  updated_at: string;
  /** As a client's (migration 0004): removed, but still named by what happened. */
  archived_at: string | null;
  /** The last check (migration 0005): 1 passed, 0 failed, null never checked. */
  check_ok: number | null;
  /** When the last check ran (ISO instant). */
  check_at: string | null;
  /** JSON of the failed check's cause (`SiteCheckCause`), null when it passed. */
  check_cause: string | null;
}

/** What gets published. `tags`, `categories`, `images` are JSON text. */
export interface ContentItemsTable {
  id: string;
  client_id: string;
  kind: string;
  title: string;
  slug: string;
  markdown: string;
  excerpt: string | null;
  tags: string;
  categories: string;
  images: string;
  language: string | null;
  starts_at: string | null;
  ends_at: string | null;
  /** Kind `region`: the regions it fills (JSON array of site_regions ids); null otherwise. */
  region_ids: string | null;
  created_at: string;
  updated_at: string;
  /** Saved versions so far (1 when created); a change names the one it was made on. */
  revision: Generated<number>;
  /** JSON array of the site ids chosen for the text (kept with the draft). */
  site_ids: Generated<string>;
  /** When she chose to publish it (ISO instant), kept with the draft. */
  publish_at: string | null;
}

/** One unit of work. `details` is the kind-specific JSON payload. */
export interface TasksTable {
  id: string;
  client_id: string;
  kind: string;
  status: string;
  title: string;
  priority: string;
  due_at: string | null;
  assignee: string | null;
  source: string;
  details: string;
  content_item_id: string | null;
  schedule_id: string | null;
  /** Bumped by every change; callers may pass the version they saw (optimistic locking). */
  version: number;
  created_at: string;
  updated_at: string;
}

/** One content item on one site: the outbox row the runner works through. */
export interface PublicationsTable {
  id: string;
  task_id: string;
  content_item_id: string;
  site_id: string;
  state: string;
  remote_id: string | null;
  url: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  verified_at: string | null;
  /** When the live page is checked next (published rows only); null when done or not checked. */
  next_verify_at: string | null;
  /** Live-page checks made so far. */
  verify_attempts: number;
  /** The runner working on it while `publishing` (see the leases migration). */
  owner: string | null;
  /** When the owner's lease runs out unless renewed; then any runner may take the work over. */
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Per publication to a git site: sitedesk's own rendering of the file at its last publish,
 * the open conflict and the decision on it (JSON; see tasks/publishing/conflicts.ts).
 */
export interface PublicationTextsTable {
  publication_id: string;
  rendered: string | null;
  conflict: string | null;
  decision: string | null;
  updated_at: string;
}

/** A recurrence in the client's timezone that creates publish tasks. `rule`, `template`, `site_ids` are JSON. */
export interface SchedulesTable {
  id: string;
  client_id: string;
  name: string;
  rule: string;
  template: string;
  site_ids: string;
  catch_up: string;
  /** 0/1. */
  enabled: number;
  /** The next occurrence not yet dispatched, or null when the schedule has ended. */
  next_run_at: string | null;
  /** How many occurrences were dispatched (counts toward the rule's `count`). */
  fired: number;
  /** Template kind `region`: the regions each run fills (JSON array of ids); null otherwise. */
  region_ids: string | null;
  created_at: string;
  updated_at: string;
}

/** Each dispatched occurrence once: the primary key (schedule_id, occurrence_at) forbids twice. */
export interface ScheduleRunsTable {
  schedule_id: string;
  occurrence_at: string;
  /** Null when the occurrence was skipped by the catch-up policy. */
  task_id: string | null;
  outcome: string;
  created_at: string;
}

/** Text supplied ahead of time for the occurrence on a local date (`YYYY-MM-DD`). */
export interface ScheduleTextsTable {
  schedule_id: string;
  local_date: string;
  text: string;
  created_at: string;
}

/**
 * A marked region of one page of a site (issue 23), as last read. `raw` is the content between
 * the markers as the site holds it; `format` (`html` | `markdown`) is what the site takes there;
 * `status` is `ok`, `missing` (markers gone) or `broken`, with `problem` JSON `{code, message}`.
 */
export interface SiteRegionsTable {
  id: string;
  client_id: string;
  site_id: string;
  page_ref: string;
  page_kind: string;
  page_title: string;
  page_url: string | null;
  name: string;
  label: string;
  format: string;
  raw: string;
  status: string;
  problem: string | null;
  checked_at: string;
  /** When sitedesk last changed the region's content; null when it never did. */
  changed_at: string | null;
  last_task_id: string | null;
  created_at: string;
}

/** One image the agency uploaded for content items (migration 0004); `path` is in the upload folder. */
export interface UploadsTable {
  id: string;
  filename: string;
  content_type: string;
  bytes: number;
  path: string;
  created_by: string;
  created_at: string;
}

/** Append-only: who changed what, when. `changes` is JSON text. */
export interface HistoryTable {
  id: string;
  entity: string;
  entity_id: string;
  /** The task the change belongs to, for "task with its history" (null for clients, sites). */
  task_id: string | null;
  action: string;
  actor: string;
  at: string;
  changes: string;
}

/** Failed sign-ins per key within a window (shared by all instances on PostgreSQL). */
export interface LoginFailuresTable {
  /** `ip:<address>` or `user:<lower-case name>`. */
  key: string;
  count: number;
  /** When the window of this key ends (ISO time); a later failure starts a new one. */
  reset_at: string;
}

/** The store's core tables: clients, sites, texts, tasks, publishing, schedules, history. */
export interface CoreTables {
  clients: ClientsTable;
  sites: SitesTable;
  content_items: ContentItemsTable;
  tasks: TasksTable;
  publications: PublicationsTable;
  publication_texts: PublicationTextsTable;
  schedules: SchedulesTable;
  schedule_runs: ScheduleRunsTable;
  schedule_texts: ScheduleTextsTable;
  uploads: UploadsTable;
  site_regions: SiteRegionsTable;
  history: HistoryTable;
  login_failures: LoginFailuresTable;
}

/**
 * Every table, in one type: the core ones above and each area's in ./tables/ (one file per
 * migration family). Every migration is in ./migrations.
 */
export type Database = CoreTables &
  AccountTables &
  MailTables &
  MeetingTables &
  LetterTables &
  LiveEventTables;

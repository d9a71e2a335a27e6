// The API shapes the web app uses. Inputs come from the generated schema (./schema.ts, from the
// OpenAPI document); the answers are still copied from src/tasks (the UI talks HTTP only and may
// not import other layers) until the routes declare answer schemas in the document.
import type { RequestBody } from './schema.js';

type NewTask = RequestBody<'/api/v1/tasks', 'post'>;
type NewClient = RequestBody<'/api/v1/clients', 'post'>;

export type TaskKind = NewTask['kind'];
export type TaskStatus = RequestBody<'/api/v1/tasks/{id}/status', 'post'>['to'];
export type SiteKind = RequestBody<'/api/v1/sites', 'post'>['kind'];
export type Priority = NonNullable<NewTask['priority']>;

/** Task kinds the API knows. */
export const taskKinds = [
  'call',
  'mail',
  'site-edit',
  'publish',
  'letter',
] as const satisfies TaskKind[];
/** Task statuses in the order work usually flows. */
export const taskStatuses = [
  'open',
  'in_progress',
  'waiting_client',
  'approved',
  'scheduled',
  'done',
  'failed',
  'cancelled',
] as const satisfies TaskStatus[];
/** Site kinds. */
export const siteKinds = ['wordpress', 'ghost', 'git'] as const satisfies SiteKind[];

// The lists above must name every value the API knows: these fail to compile when the API
// gains one (after `npm run gen:api-types`) that a list lacks.
type Unlisted<T, List extends readonly unknown[]> = Exclude<T, List[number]>;
const _everyKind: [Unlisted<TaskKind, typeof taskKinds>] extends [never] ? true : never = true;
const _everyStatus: [Unlisted<TaskStatus, typeof taskStatuses>] extends [never] ? true : never =
  true;
const _everySiteKind: [Unlisted<SiteKind, typeof siteKinds>] extends [never] ? true : never = true;

/** The allowed status changes (same table as src/tasks/task-list/transitions.ts). */
export const transitions: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  open: ['in_progress', 'waiting_client', 'approved', 'scheduled', 'done', 'cancelled'],
  in_progress: ['open', 'waiting_client', 'approved', 'scheduled', 'done', 'failed', 'cancelled'],
  waiting_client: ['open', 'in_progress', 'approved', 'cancelled'],
  approved: ['in_progress', 'waiting_client', 'scheduled', 'done', 'cancelled'],
  scheduled: ['approved', 'done', 'failed', 'cancelled'],
  done: [],
  failed: ['open', 'in_progress', 'scheduled', 'cancelled'],
  cancelled: ['open'],
};

/** A signed-in agency user. */
export interface User {
  id: string;
  username: string;
  role: 'admin' | 'secretary';
  /** The language the user chose for the app; null until chosen (then the browser's applies). */
  language?: 'en' | 'cs' | null;
}

/** A business the secretary works for. */
export interface Client {
  id: string;
  name: string;
  timezone: string;
  languages: string[];
  contact: NonNullable<NewClient['contact']>;
}

/** A website of a client (its secret is never sent back, only whether it is set). */
export interface Site {
  id: string;
  clientId: string;
  name: string;
  kind: SiteKind;
  url: string;
  settings: Record<string, unknown>;
  hasSecret?: boolean;
}

/** One task; `details` depends on `kind`. */
export interface Task {
  id: string;
  clientId: string;
  kind: TaskKind;
  status: TaskStatus;
  title: string;
  priority: Priority;
  dueAt: string | null;
  assignee: string | null;
  source: 'manual' | 'client' | 'mail' | 'schedule';
  details: Record<string, unknown>;
  /** The text of a publish task, or the text written for a client's request. */
  contentItemId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One history entry. */
export interface HistoryEntry {
  id: string;
  /** What changed: `task`, `publication`, `content_item`, `schedule`, `client` or `site`. */
  entity?: string;
  entityId?: string;
  action: string;
  actor: string;
  at: string;
  changes: unknown;
}

/** The changes of a task's `approval-sent` entry: a version of the text sent to the client. */
export interface ApprovalSentChanges {
  round: number;
  note?: string;
  siteIds: string[];
  publishWhenApproved: boolean;
}

/** The changes of a task's `text-started` entry: a text begun for the client's request. */
export interface TextStartedChanges {
  contentItemId: string;
  title: string;
}

/** The changes of a task's `status:<from>-><to>` entry. */
export interface StatusChanges {
  status: { from: TaskStatus; to: TaskStatus };
  /** A person's note (older entries also hold sitedesk's own English words here). */
  note?: string;
  /** Why sitedesk moved it by itself. */
  reason?: 'publications-settled' | 'thread-live';
  /** The client's decision on version `round`, with its comment. */
  decision?: 'approve' | 'reject';
  comment?: string;
  round?: number;
}

/** A task with its history and publications (GET /tasks/:id). */
export interface TaskWithHistory {
  task: Task;
  history: HistoryEntry[];
  publications: Publication[];
}

/** State of one content item on one site. */
export type PublicationState =
  'pending' | 'publishing' | 'published' | 'scheduled' | 'failed' | 'cancelled' | 'unpublished';

/** One content item on one site. */
export interface Publication {
  id: string;
  taskId: string;
  siteId: string;
  state: PublicationState;
  url: string | null;
  attempts: number;
  lastError: string | null;
  /** While publishing: when its runner's lease runs out (past: the runner is gone). */
  leaseUntil?: string | null;
}

/** A recurring update (its rule's times are the client's local times). */
export interface Schedule {
  id: string;
  clientId: string;
  name: string;
  rule: { kind: 'rrule' | 'cron'; expression: string };
  template: { title: string; slug: string; markdown: string; excerpt?: string };
  enabled: boolean;
  nextRunAt: string | null;
}

/** GET /schedules/:id?runs=5 */
export interface ScheduleWithRuns {
  schedule: Schedule;
  upcoming: { at: string; local: string }[];
}

/** What verify() says about a site (the connector's VerifyResult). */
export interface SiteCheck {
  ok: boolean;
  checks: { name: string; ok: boolean; message: string }[];
  cause?: { code: string; message: string; fix?: string };
}

/** The client's view of one of its tasks. */
export interface ClientTask {
  id: string;
  kind: TaskKind;
  title: string;
  status: TaskStatus;
  request?: string;
  /** A publishing task's text title. */
  contentTitle?: string;
  /** A publishing task's request (the thread it belongs to). */
  requestId?: string;
  /** A publishing task sent for approval: the round she is asked about. */
  approval?: Omit<Approval, 'sentBy'>;
  /** A letter sent to her for approval: its subject and recipient. */
  letter?: { subject: string; recipient: string };
  /** A publishing task's sites and their live pages. */
  sites?: { name: string; state: 'waiting' | 'live' | 'ended'; url?: string }[];
  /** A promotion's start and end (ISO). */
  startsAt?: string;
  endsAt?: string;
  createdAt: string;
  updatedAt: string;
}

/** Where a text stands with its client (a publish task's `details.approval`). */
export interface Approval {
  round: number;
  state: 'waiting' | 'approved' | 'changes';
  note?: string;
  comment?: string;
  publishWhenApproved: boolean;
  sentAt: string;
  sentBy: string;
  changes?: { title?: { from: string; to: string }; added: string[]; removed: string[] };
}

/** The request a text answers and its publish task (GET /content-items/:id/thread). */
export interface Thread {
  request?: Task;
  task?: Task;
}

/** A publish task's approval, when it has one. */
export function approvalOf(task: Task): Approval | undefined {
  const a = task.details.approval;
  return a && typeof a === 'object' && 'round' in a ? (a as Approval) : undefined;
}

/** What a private link opens. */
export interface ClientMe {
  id: string;
  name: string;
  timezone: string;
  sites: { id: string; name: string; url: string }[];
}

/** A list answer. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** One mailbox's health (GET /api/v1/mail/health). */
export interface MailboxHealth {
  mailboxId: string;
  clientId: string;
  address: string;
  /** `healthy`, `unhealthy`, `starting`, `stopped` or `not running`. */
  state: string;
  /** The server's technical reason (English). */
  reason?: string;
  /** ISO-8601: since when the state holds. */
  since?: string;
}

/** GET /api/v1/setup: whether set-up is still open (no account exists yet). */
export interface SetupState {
  setupOpen: boolean;
}

/** The answer of POST /auth/login and of POST /setup: the signed-in user and her CSRF token. */
export interface SignedIn {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

/** A client's private link as listed (GET /clients/:id/links); the token is never in it. */
export interface ClientLink {
  id: string;
  clientId: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  /** When it last opened the client's page (to the minute), null if never. */
  lastUsedAt: string | null;
}

/** POST /clients/:id/links: the new link with its token, shown only in this answer. */
export interface NewClientLink extends ClientLink {
  token: string;
}

/** A promotion live on a site now (GET /api/v1/promotions/live). */
export interface LivePromotion {
  taskId: string;
  clientId: string;
  contentItemId: string;
  title: string;
  startsAt: string | null;
  /** When it is taken down; may have passed while the take-down is still to be done. */
  endsAt: string;
  sites: { siteId: string; url: string | null }[];
}

// The API shapes the web app uses, all read from the generated schema (./schema.ts, from the
// OpenAPI document the routes' zod schemas make): inputs as the server validates them, answers
// as the server sends them (the API tests hold every answer to its schema). The web app talks
// HTTP only and may not import other layers.
import type { Answer, RequestBody } from './schema.js';

type NewTask = RequestBody<'/api/v1/tasks', 'post'>;

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

/** A signed-in agency user, with the language she chose (null until chosen: the browser's applies). */
export type User = SignedIn['user'];

/** A business the secretary works for. */
export type Client = Answer<'/api/v1/clients/{id}', 'get'>;

/** A website of a client (its secret is never sent back, only whether it is set). */
export type Site = Answer<'/api/v1/sites/{id}', 'get'>;

/** One task; `details` depends on `kind`. */
export type Task = TaskWithHistory['task'];

/** One history entry. */
export type HistoryEntry = TaskWithHistory['history'][number];

/** A task with its history and publications (GET /tasks/:id). */
export type TaskWithHistory = Answer<'/api/v1/tasks/{id}', 'get'>;

/** One content item on one site. */
export type Publication = TaskWithHistory['publications'][number];

/** A recurring update (its rule's times are the client's local times). */
export type Schedule = ScheduleWithRuns['schedule'];

/** GET /schedules/:id?runs=5 */
export type ScheduleWithRuns = Answer<'/api/v1/schedules/{id}', 'get'>;

/** What checking a site found (its connector's verify()). */
export type SiteCheck = Answer<'/api/v1/sites/{id}/check', 'post'>;

/** The client's view of one of its tasks. */
export type ClientTask = Answer<'/api/v1/client/tasks', 'get'>['items'][number];

/** Where a text stands with its client (a publish task's `details.approval`). */
export type Approval = NonNullable<ClientTask['approval']> & { sentBy: string };

/** The request a text answers and its publish task (GET /content-items/:id/thread). */
export type Thread = Answer<'/api/v1/content-items/{id}/thread', 'get'>;

/** A publish task's approval, when it has one. */
export function approvalOf(task: Task): Approval | undefined {
  const a = task.details.approval;
  return a && typeof a === 'object' && 'round' in a ? (a as Approval) : undefined;
}

/** What a private link opens. */
export type ClientMe = Answer<'/api/v1/client/me', 'get'>;

/** A list answer. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A mailbox with its last health (GET /api/v1/mailboxes); never its password, only `hasPassword`. */
export type Mailbox = Answer<'/api/v1/mailboxes', 'get'>['items'][number];

/** One mailbox's health (GET /api/v1/mail/health). */
export type MailboxHealth = Answer<'/api/v1/mail/health', 'get'>['items'][number];

/** GET /api/v1/setup: whether set-up is still open (no account exists yet). */
export type SetupState = Answer<'/api/v1/setup', 'get'>;

/** The answer of POST /auth/login and of POST /setup: the signed-in user and her CSRF token. */
export type SignedIn = Answer<'/api/v1/auth/login', 'post'>;

/** A client's private link as listed (GET /clients/:id/links); the token is never in it. */
export type ClientLink = Answer<'/api/v1/clients/{id}/links', 'get'>['items'][number];

/** POST /clients/:id/links: the new link with its token, shown only in this answer. */
export type NewClientLink = Answer<'/api/v1/clients/{id}/links', 'post'>;

/** A promotion live on a site now (GET /api/v1/promotions/live). */
export type LivePromotion = Answer<'/api/v1/promotions/live', 'get'>['items'][number];

/** Who is calling (GET /auth/me): an agency user, or a client's private link. */
export type Me = Answer<'/api/v1/auth/me', 'get'>;

/** POST /content-items/:id/previews: a preview link, its token shown only in this answer. */
export type PreviewLink = Answer<'/api/v1/content-items/{id}/previews', 'post'>;

/** POST /client/tasks/:id/preview: the preview page a client opens, and when the link ends. */
export type ClientPreview = Answer<'/api/v1/client/tasks/{id}/preview', 'post'>;

/** POST /publish: the publish task and one publication per site. */
export type PublishRequest = Answer<'/api/v1/publish', 'post'>;

/** POST /tasks/:id/text: the new text of a client's request, and the request. */
export type RequestText = Answer<'/api/v1/tasks/{id}/text', 'post'>;

/** GET /tasks/:id/thread: the tasks of a mail conversation, oldest first. */
export type MailThread = Answer<'/api/v1/tasks/{id}/thread', 'get'>;

/**
 * sitedesk's task list, publications, schedules and runner.
 *
 * Glossary (in the manner of graphile-worker's interfaces):
 * - **Task** — one unit of the secretary's work for one client (`call`, `mail`, `site-edit`,
 *   `publish`), with a status that moves only along the table in transitions.ts, and an
 *   append-only history of every change.
 * - **Publication** — one content item on one site: the outbox row (`pending` until the runner
 *   has published it), with attempts, the last error, the remote id and the live URL.
 * - **Job** — one attempt of the runner at one publication: publish through the site's
 *   connector, record the result at once, back off and retry when the error is retryable.
 * - **Schedule** — a recurrence (RRULE or cron) in the client's timezone; each occurrence
 *   creates one publish task from its template, exactly once.
 * - **Runner** — the long-running worker that takes pending publications with bounded
 *   concurrency (one at a time per site) and the scheduler that fires due schedules.
 *
 * Everything that changes these goes through createTaskService: the CLI and the HTTP API
 * call the same functions, so validation, transactions and history live in one place.
 */
export { createTaskService, type TaskService, type TaskServiceDeps } from './service.js';
export {
  createTaskEvents,
  type TaskEvent,
  type TaskEventListener,
  type TaskEvents,
} from './events.js';
export { EditConflictError } from './content-items/update.js';
export {
  taskStatuses,
  transitions,
  canTransition,
  type TaskStatus,
} from './task-list/transitions.js';
export type { Actor } from './context.js';
export type {
  CreateClientInput,
  CreateContentItemInput,
  CreateSiteInput,
  UpdateClientInput,
} from './schemas/entities.js';
export type { CreateTaskInput, RequestPublishInput, UpdateTaskInput } from './schemas/tasks.js';
export type { ListTasksInput, TaskPage, TaskWithHistory } from './task-list/queries.js';
export type { PublishRequest } from './publishing/publications.js';
export type { LivePromotion } from './publishing/live-promotions.js';
export {
  decideConflictSchema,
  type DecideConflictInput,
  type PublicationConflict,
} from './publishing/conflicts.js';
export type * from './types.js';
export { createScheduler, type Scheduler, type SchedulerConfig } from './schedules/scheduler.js';
export type { DispatchOptions, DispatchReport, Dispatched } from './schedules/dispatch.js';
export type { Schedule } from './schedules/model.js';
export type { UpcomingRun } from './schedules/schedules.js';
export type { CreateScheduleInput, ScheduleTextInput, CatchUp } from './schedules/schemas.js';
export { templateVariables, type Template } from './schedules/template.js';
export { toInstant, toFloating, formatLocal } from './schedules/zone-time.js';
export { createRecurrence, type Rule, type Recurrence } from './schedules/recurrence.js';
export {
  createRunner,
  type PublicationDelivery,
  type Runner,
  type RunnerConfig,
  type RunnerDeps,
} from './publishing/runner/runner.js';
export {
  createLiveCheck,
  type LiveCheck,
  type LiveCheckResult,
} from './publishing/runner/live-check.js';

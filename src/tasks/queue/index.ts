/** The job queue on PostgreSQL (docs/decisions/job-queue.md): delivery of publications and schedule passes. */
export {
  ENGINE as QUEUE_ENGINE,
  openJobQueue,
  type JobQueue,
  type JobQueueConfig,
} from './job-queue.js';
export { feedPublications } from './feed.js';
export { workTheQueue, type RowWorker } from './worker.js';
export {
  relayEvents,
  type EventRelay,
  type RelayOptions,
  type SharedEventSource,
} from './event-relay.js';
export type { SharedEvent } from './event-log.js';

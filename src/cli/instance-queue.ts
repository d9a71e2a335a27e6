import { hostname } from 'node:os';
import {
  feedPublications,
  openJobQueue,
  relayEvents,
  type JobQueue,
  type SharedEventSource,
} from '../tasks/queue/index.js';
import { mailboxLocks } from '../tasks/queue/mailbox-locks.js';
import type { IntakeLocks } from '../tasks/mail/index.js';
import type { RowDelivery } from '../tasks/queue/row-delivery.js';
import type { Workspace } from './workspace.js';

/** What this instance does: answers the API, works jobs, or both (docs/operator/scaling.md). */
export type InstanceRole = 'api' | 'worker' | 'api+worker';

/** The job queue of this instance and how to let go of it. */
export interface InstanceQueue {
  queue: JobQueue;
  /** Every instance's live changes with their shared ids, for the SSE hub (replays from any instance). */
  events: SharedEventSource;
  /** What the mail desk shares with the other instances: its outbox's delivery, the mailbox holds. */
  mail: { delivery: RowDelivery; intakeLocks: IntakeLocks };
  /** The meeting outbox's delivery. */
  meetings: RowDelivery;
  /** Stops taking jobs and relaying changes (on the stop signal; running jobs finish first). */
  close(): Promise<void>;
  /** Lets the mailboxes go: after the intakes stopped, so no two instances read one at once. */
  releaseMailboxes(): Promise<void>;
}

/**
 * On PostgreSQL, opens the job queue (docs/decisions/job-queue.md) and hands it every
 * publication that becomes due in this process, and relays live changes between instances; on SQLite there is none (undefined) and the
 * runner reads the outbox as before. A worker also runs the queue's maintenance, which gives
 * the jobs of dead workers to others.
 */
export async function openInstanceQueue(
  ws: Workspace,
  role: InstanceRole,
  concurrency = 8,
): Promise<InstanceQueue | undefined> {
  const url = ws.config.databaseUrl;
  if (ws.store.dialect !== 'postgres' || url === undefined) return undefined;
  const queue = await openJobQueue(url, {
    // The doctor lists the instances connected now, by this name.
    applicationName: `sitedesk-${role}:${hostname()}:${process.pid}`.slice(0, 63),
    logger: ws.logger,
    supervise: role !== 'api',
    expireSeconds: ws.config.queueExpireSeconds,
    poolSize: 2 + (role === 'api' ? 0 : concurrency + 1),
  });
  // Browsers connected to this instance see changes made on the others, and the reverse.
  const relay = await relayEvents(url, ws.tasks.events, ws.logger, {
    clientOfSite: async (id) => (await ws.tasks.getSite(id).catch(() => undefined))?.clientId,
  });
  const stopFeed = feedPublications(
    ws.tasks.events,
    { enqueue: (id, at) => queue.enqueuePublication(id, at) },
    ws.logger,
    () => ws.clock.now(),
    relay.relaying,
  );
  const intakeLocks = mailboxLocks(url, ws.logger);
  let closing: Promise<void> | undefined;
  return {
    queue,
    events: relay,
    mail: { delivery: { enqueue: queue.enqueueMail }, intakeLocks },
    meetings: { enqueue: queue.enqueueMeeting },
    // Called on the stop signal and again on the way out: once is enough.
    close() {
      stopFeed();
      closing ??= Promise.all([queue.stop(), relay.close()]).then(() => undefined);
      return closing;
    },
    releaseMailboxes: () => intakeLocks.close(),
  };
}

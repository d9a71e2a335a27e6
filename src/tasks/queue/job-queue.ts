/**
 * The job queue on PostgreSQL: pg-boss 10 in the `pgboss` schema of sitedesk's own database
 * (docs/decisions/job-queue.md says why pg-boss and how its settings follow from having no
 * heartbeat). It only delivers: which publication, outbox mail or meeting write to try, and when
 * a schedule pass is due. Whether a
 * post goes out exactly once stays with the publications' leases and the idempotent publish.
 */
import PgBoss from 'pg-boss';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** Queue names (pg-boss allows letters, digits, `-`, `_`, `.`, `/`). */
export const PUBLICATION_QUEUE = 'sitedesk.publication';
export const SCHEDULE_QUEUE = 'sitedesk.schedules';
/** Rows of the mail outbox (urgent forwards, replies waiting for the server, letters by e-mail). */
export const MAIL_QUEUE = 'sitedesk.mail';
/** Meeting writes (the calendar event and the invitation of one meeting row). */
export const MEETING_QUEUE = 'sitedesk.meetings';
const QUEUES = [PUBLICATION_QUEUE, SCHEDULE_QUEUE, MAIL_QUEUE, MEETING_QUEUE] as const;
/** The name of one of sitedesk's queues. */
export type QueueName = (typeof QUEUES)[number];

/** Settings of the queue; every one has a default. */
export interface JobQueueConfig {
  /**
   * How long a delivered job may run before the queue gives it to another worker, in seconds;
   * default 900. pg-boss 10 has no heartbeat, so this must exceed the slowest publish plus the
   * publication lease (30 s); the lease, not this, guards against a second publish.
   */
  expireSeconds?: number;
  /** How often an idle worker asks for a job, in seconds; default 1 (pg-boss allows ≥ 0.5). */
  pollingSeconds?: number;
  /** How often the queue fails expired jobs, in seconds; default 10. */
  maintenanceSeconds?: number;
  /** Connections of the queue's own pool; default 4 plus one per job at once. */
  poolSize?: number;
}

/** What one job handler gets: the job's data as sent. */
export type JobHandler<T> = (data: T) => Promise<void>;

/** The queue as sitedesk uses it. */
export interface JobQueue {
  /** Asks for a delivery of publication `id` at `at` (ms); the same ask twice is one job. */
  enqueuePublication(id: string, at: number): Promise<void>;
  /** Asks for a schedule pass at `at` (ms); all instances asking for the same minute make one job. */
  enqueueSchedulePass(at: number): Promise<void>;
  /** Asks for a delivery of mail outbox row `id` at `at` (ms); the same ask twice is one job. */
  enqueueMail(id: string, at: number): Promise<void>;
  /** Asks for a delivery of meeting `id`'s write at `at` (ms); the same ask twice is one job. */
  enqueueMeeting(id: string, at: number): Promise<void>;
  /** Takes jobs of `queue`, `concurrency` at once, until stop(). */
  work<T extends object>(
    queue: QueueName,
    concurrency: number,
    handler: JobHandler<T>,
  ): Promise<void>;
  /** Jobs waiting and running, for /health and doctor. */
  counts(): Promise<{ waiting: number; running: number }>;
  /** The engine's name and version, for /health and doctor. */
  readonly engine: string;
  /** Stops taking jobs, waits up to `timeoutMs` for running ones (a killed worker's go back after expiry). */
  stop(timeoutMs?: number): Promise<void>;
}

/** The version of pg-boss sitedesk was built and measured with. */
export const ENGINE = 'pg-boss 10';

/**
 * Starts pg-boss on the database at `url` (creating or updating its schema and sitedesk's
 * queues, all with policy `short`). `supervise`: whether this instance also runs the queue's
 * maintenance (expiring jobs of dead workers); every worker does, an API-only instance need not.
 */
export async function openJobQueue(
  url: string,
  options: JobQueueConfig & { logger: Logger; supervise: boolean; applicationName?: string },
): Promise<JobQueue> {
  const expireInSeconds = options.expireSeconds ?? 900;
  const pollingIntervalSeconds = options.pollingSeconds ?? 1;
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    application_name: options.applicationName ?? 'sitedesk-queue',
    max: options.poolSize ?? 4,
    supervise: options.supervise,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 10,
    schedule: false,
  });
  // Errors of its background loops (a lost connection) are logged; the loops go on.
  boss.on('error', (error: Error) =>
    options.logger.warn({ reason: messageOf(error) }, 'job queue error'),
  );
  await boss.start();
  // short: one waiting job per key, so the same ask from several instances is one job; a new
  // ask while one runs is a job of its own. Not `stately` (one waiting and one running per key):
  // there a second ask under the key of a job a dead worker holds waits beside it, every fetch
  // picks it first, fails on the policy's unique index (pg-boss swallows that) and gets nothing,
  // so the whole queue stood still until the expiry (test/integration/postgres/job-queue.test.ts).
  // Two deliveries of one publication, outbox row or meeting at once are harmless: only one
  // claims the row (the publication's lease, the outbox's and the meeting's claim).
  const settings = {
    policy: 'short' as const,
    retryLimit: 5,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds,
  };
  for (const name of QUEUES) {
    if (!(await boss.getQueue(name))) {
      // Two instances starting at once may both try: the second's attempt is refused.
      await boss.createQueue(name, { name, ...settings }).catch(async (error: unknown) => {
        if (!(await boss.getQueue(name))) throw error;
      });
    }
    await boss.updateQueue(name, { name, ...settings });
  }
  // Jobs asked for before the policy changed keep the policy they were made with (pg-boss copies
  // it into each job): waiting ones take the new one, so none of them can block a fetch.
  await boss
    .getDb()
    .executeSql(
      `UPDATE pgboss.job SET policy = 'short' WHERE name = ANY($1) AND policy = 'stately' AND state < 'active'`,
      [[...QUEUES]],
    );
  const send = async (queue: string, key: string, data: object, at: number): Promise<void> => {
    await boss.send(queue, data, { singletonKey: key, startAfter: new Date(at) });
  };
  // The key holds the time: an earlier ask (Retry now) is not swallowed by a later one.
  const keyed = (id: string, at: number) => `${id}@${new Date(at).toISOString()}`;
  return {
    engine: ENGINE,
    enqueuePublication: (id, at) =>
      send(PUBLICATION_QUEUE, keyed(id, at), { publicationId: id }, at),
    enqueueMail: (id, at) => send(MAIL_QUEUE, keyed(id, at), { outboxId: id }, at),
    enqueueMeeting: (id, at) => send(MEETING_QUEUE, keyed(id, at), { meetingId: id }, at),
    enqueueSchedulePass: (at) => {
      const minute = Math.floor(at / 60_000) * 60_000;
      return send(SCHEDULE_QUEUE, new Date(minute).toISOString(), { at }, at);
    },
    async work(queue, concurrency, handler) {
      // pg-boss 10 has no concurrency setting: each work() is a polling loop of its own.
      for (let i = 0; i < concurrency; i++)
        await boss.work<object>(queue, { batchSize: 1, pollingIntervalSeconds }, async (jobs) => {
          for (const job of jobs) await handler(job.data as never);
        });
    },
    async counts() {
      const [waiting, running] = await Promise.all([
        Promise.all(QUEUES.map((q) => boss.getQueueSize(q))),
        Promise.all(
          QUEUES.map(async (q) => {
            const all = await boss.getQueueSize(q, { before: 'completed' });
            const before = await boss.getQueueSize(q, { before: 'active' });
            return all - before;
          }),
        ),
      ]);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      return { waiting: sum(waiting), running: sum(running) };
    },
    stop: (timeoutMs = 30_000) => boss.stop({ graceful: true, wait: true, timeout: timeoutMs }),
  };
}

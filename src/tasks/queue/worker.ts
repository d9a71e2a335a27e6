import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import type { Runner } from '../publishing/runner/runner.js';
import type { Scheduler } from '../schedules/scheduler.js';
import { PUBLICATION_QUEUE, SCHEDULE_QUEUE, type JobQueue } from './job-queue.js';

// Job payloads are read back from the database: checked like any other input.
const publicationJob = z.object({ publicationId: z.string().min(1).max(100) });
const scheduleJob = z.object({ at: z.number().finite() });

/**
 * Makes this process a worker of the queue: publications it is handed are published by
 * `runner.deliver` (`concurrency` at once), schedule passes by `scheduler.tick` (one at a
 * time). A handler that throws (the database went away) fails the job; the queue retries it
 * with backoff, on whichever worker asks first.
 */
export async function workTheQueue(
  queue: JobQueue,
  parts: { runner: Runner; scheduler: Scheduler; concurrency: number; logger: Logger },
): Promise<void> {
  await queue.work(PUBLICATION_QUEUE, parts.concurrency, async (data) => {
    const { publicationId } = publicationJob.parse(data);
    await parts.runner.deliver(publicationId);
  });
  await queue.work(SCHEDULE_QUEUE, 1, async (data) => {
    scheduleJob.parse(data);
    await parts.scheduler.tick();
  });
}

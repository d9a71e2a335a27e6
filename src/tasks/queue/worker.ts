import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import type { Runner } from '../publishing/runner/runner.js';
import type { Scheduler } from '../schedules/scheduler.js';
import {
  MAIL_QUEUE,
  MEETING_QUEUE,
  PUBLICATION_QUEUE,
  SCHEDULE_QUEUE,
  type JobQueue,
} from './job-queue.js';

// Job payloads are read back from the database: checked like any other input.
const publicationJob = z.object({ publicationId: z.string().min(1).max(100) });
const scheduleJob = z.object({ at: z.number().finite() });
const mailJob = z.object({ outboxId: z.string().min(1).max(100) });
const meetingJob = z.object({ meetingId: z.string().min(1).max(100) });

/** Something that works one row the queue hands over (the mail outbox, the meeting outbox). */
export interface RowWorker {
  deliver(id: string): Promise<void>;
}

/**
 * Makes this process a worker of the queue: publications it is handed are published by
 * `runner.deliver` (`concurrency` at once), schedule passes by `scheduler.tick` (one at a
 * time), outbox mails by `mail.deliver` and meeting writes by `meetings.deliver` (two at once
 * each) when this process has those desks. A handler that throws (the database went away) fails
 * the job; the queue retries it with backoff, on whichever worker asks first.
 */
export async function workTheQueue(
  queue: JobQueue,
  parts: {
    runner: Runner;
    scheduler: Scheduler;
    concurrency: number;
    logger: Logger;
    mail?: RowWorker;
    meetings?: RowWorker;
  },
): Promise<void> {
  await queue.work(PUBLICATION_QUEUE, parts.concurrency, async (data) => {
    const { publicationId } = publicationJob.parse(data);
    await parts.runner.deliver(publicationId);
  });
  await queue.work(SCHEDULE_QUEUE, 1, async (data) => {
    scheduleJob.parse(data);
    await parts.scheduler.tick();
  });
  const { mail, meetings } = parts;
  if (mail)
    await queue.work(MAIL_QUEUE, 2, async (data) => {
      await mail.deliver(mailJob.parse(data).outboxId);
    });
  if (meetings)
    await queue.work(MEETING_QUEUE, 2, async (data) => {
      await meetings.deliver(meetingJob.parse(data).meetingId);
    });
}

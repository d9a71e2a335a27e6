/**
 * Outbox rows delivered by the job queue (PostgreSQL, docs/decisions/job-queue.md): the mail
 * outbox and the meeting outbox keep their rows, leases and retries as on SQLite, but on
 * PostgreSQL their passes only ask the queue for each waiting row at its time (a lost one under
 * the take-over's slot, askForRows), and whichever
 * worker the queue hands the row to claims it by lease and works it. The queue may hand a row
 * over twice; the claim (a compare-and-set on the row's state) lets one of them through.
 */
import { LOST_AFTER_MS, takeOverSlot } from '../publishing/runner/queue-mode.js';

/** Asks the queue for a delivery of row `id` at `at` (epoch ms); the same ask twice is one job. */
export interface RowDelivery {
  enqueue(id: string, at: number): Promise<void>;
}

/** Rows asked for per pass: a backlog is the queue's to work through, not the pass's. */
export const ROWS_PER_PASS = 100;

/**
 * Asks `delivery` for every row of `rows`: at its time, or, for a row overdue by more than
 * LOST_AFTER_MS (its first ask's job lost, or held by a worker that died before claiming the
 * row, `active` until the queue's expiry), under the take-over's time slot as publications are
 * (src/tasks/publishing/runner/queue-mode.ts): a key of its own, shared by every instance asking
 * within one slot. Answers how many were asked for.
 */
export async function askForRows(
  delivery: RowDelivery,
  rows: readonly { id: string; at: number }[],
  now: number,
): Promise<number> {
  const slot = takeOverSlot(now);
  for (const row of rows)
    await delivery.enqueue(row.id, row.at <= now - LOST_AFTER_MS ? slot : row.at);
  return rows.length;
}

/** Whether a delivered row is due now: a job for an older time finds a later retry and leaves it to its own job. */
export const dueNow = (at: number, now: number): boolean => at <= now + 1_000;

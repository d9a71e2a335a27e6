/**
 * Outbox rows delivered by the job queue (PostgreSQL, docs/decisions/job-queue.md): the mail
 * outbox and the meeting outbox keep their rows, leases and retries as on SQLite, but on
 * PostgreSQL their passes only ask the queue for each waiting row at its time, and whichever
 * worker the queue hands the row to claims it by lease and works it. The queue may hand a row
 * over twice; the claim (a compare-and-set on the row's state) lets one of them through.
 */

/** Asks the queue for a delivery of row `id` at `at` (epoch ms); the same ask twice is one job. */
export interface RowDelivery {
  enqueue(id: string, at: number): Promise<void>;
}

/** Rows asked for per pass: a backlog is the queue's to work through, not the pass's. */
export const ROWS_PER_PASS = 100;

/** Asks `delivery` for every row of `rows` at its time; answers how many were asked for. */
export async function askForRows(
  delivery: RowDelivery,
  rows: readonly { id: string; at: number }[],
): Promise<number> {
  for (const row of rows) await delivery.enqueue(row.id, row.at);
  return rows.length;
}

/** Whether a delivered row is due now: a job for an older time finds a later retry and leaves it to its own job. */
export const dueNow = (at: number, now: number): boolean => at <= now + 1_000;

/** What bench/queue.ts and its worker processes (bench/queue-worker.ts) agree on. */

/** The queue (pg-boss) or task identifier (graphile-worker) of the simulated publications. */
export const BENCH_QUEUE = 'publication';

/** One simulated publication: which item, how long its publish holds, when it was enqueued. */
export interface BenchJob {
  item: number;
  holdMs: number;
  enqueuedMs: number;
}

/**
 * pg-boss timing of the bench, the same as sitedesk uses on PostgreSQL: the shortest polling
 * pg-boss 10 allows (0.5 s), a maintenance pass (which fails expired jobs) every 2 s, and an
 * expiry longer than the slowest simulated publish (4 s).
 */
export const PG_BOSS_TIMING = {
  pollingSeconds: 0.5,
  maintenanceSeconds: 2,
  expireSeconds: 6,
  retryDelaySeconds: 1,
} as const;

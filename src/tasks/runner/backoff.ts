/** How retries spread out. Units are ms. */
export interface BackoffConfig {
  /** Delay before the second attempt (before jitter); default 2,000. */
  baseDelayMs: number;
  /** Longest delay between attempts; default 15 minutes. */
  maxDelayMs: number;
}

/**
 * The wait before attempt `attempt + 1` after `attempt` failed: exponential, with "full
 * jitter" (a random point between 0 and the exponential bound) so that sites that failed
 * together do not retry together
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). A server's own
 * Retry-After wins when it asks for longer.
 */
export function backoffDelay(
  attempt: number,
  config: BackoffConfig,
  random: () => number,
  retryAfterMs?: number,
): number {
  const bound = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * bound);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, config.maxDelayMs));
}

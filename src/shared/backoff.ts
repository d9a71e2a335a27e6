/**
 * How much of an exponential wait is left to chance, so that things that failed together
 * (many sites on one host, many mailboxes on one provider) do not come back together.
 * Names as in https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/.
 * - `full`: anywhere between 0 and the bound — spreads best; for retries that may come at once.
 * - `equal`: between half the bound and the bound — never much sooner than asked.
 * - `{ spread }`: the bound ± `spread` (0.2 = ±20 %) — waits stay near their schedule.
 * - `none`: exactly the bound — for a row in the database that only one worker looks at.
 */
export type Jitter = 'full' | 'equal' | 'none' | { spread: number };

/** How waits between attempts grow. Times in ms. */
export interface BackoffOptions {
  /** Wait before the first retry, before jitter. */
  baseMs: number;
  /** Longest wait before jitter (a `spread` may go past it by its share). */
  capMs: number;
  /** How the wait is spread around the bound; see {@link Jitter}. */
  jitter: Jitter;
  /** Source of chance in [0, 1); default Math.random. Tests pass a fixed one. */
  random?: () => number;
}

/**
 * The wait in ms before retry `retry` (1 = the first retry): `baseMs · 2^(retry − 1)`, at most
 * `capMs`, then jittered as asked and rounded to whole ms.
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  // The exponent is bounded so that a long outage's count cannot overflow to Infinity · 0.
  const exponent = Math.min(Math.max(0, retry - 1), 40);
  const bound = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const { jitter } = options;
  if (jitter === 'none') return Math.round(bound);
  const chance = (options.random ?? Math.random)();
  if (jitter === 'full') return Math.round(bound * chance);
  if (jitter === 'equal') return Math.round(bound * (0.5 + chance / 2));
  return Math.round(bound * (1 - jitter.spread + 2 * jitter.spread * chance));
}

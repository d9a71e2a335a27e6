/**
 * Recovery from requests whose outcome is unknown. A create or upload that fails with a 5xx,
 * a reset or a timeout may have happened on the server all the same; sending it again could
 * make a duplicate. So it is not resent blindly: the whole step (look up, then create or
 * update) runs again, and finds what the lost request did.
 */
import type { Clock } from '../../shared/clock.js';
import { RemoteError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { backoffDelay } from '../../shared/backoff.js';

/** What recovery needs: time, jitter, log, and the retry budget (same as the HTTP layer's). */
export interface RecoveryContext {
  clock: Clock;
  logger: Logger;
  random: () => number;
  retries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

/** Marks a failure of a non-idempotent request (create, upload) whose effect is unknown. */
class OutcomeUnknown extends Error {
  constructor(readonly remote: RemoteError) {
    super(remote.message, { cause: remote });
  }
}

/**
 * Sends a non-idempotent request; when its outcome is unknown (5xx, reset, timeout — but not
 * a 429, which proves nothing was done) the failure is marked for `withRecovery`.
 */
export async function unsure<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof RemoteError && error.retryable && error.status !== 429)
      throw new OutcomeUnknown(error);
    throw error;
  }
}

/**
 * Runs `step` again after a request marked `unsure` failed. `step` must start by looking at
 * what exists, so a create that did happen is found, not repeated. Other failures pass
 * through at once: idempotent requests were already retried by the HTTP layer.
 */
export async function withRecovery<T>(
  context: RecoveryContext,
  what: string,
  step: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof OutcomeUnknown)) throw error;
      if (attempt > context.retries) throw error.remote;
      const delayMs = backoffDelay(attempt, {
        baseMs: context.retryBaseDelayMs,
        capMs: context.retryMaxDelayMs,
        jitter: 'full',
        random: context.random,
      });
      context.logger.warn(
        { what, attempt, delayMs, code: error.remote.code, url: error.remote.url },
        'wordpress: outcome unknown, looking again',
      );
      await context.clock.sleep(delayMs);
    }
  }
}

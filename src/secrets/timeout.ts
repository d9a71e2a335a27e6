import { SecretStoreError } from '../shared/errors.js';

/**
 * Resolves like `work(signal)`, or rejects with SecretStoreError('secret_store_unavailable')
 * after `timeoutMs` milliseconds. The signal is aborted on timeout so a native call that
 * has not started yet is cancelled; one that is already stuck inside the OS keychain keeps
 * its worker thread, but the caller is never kept waiting past the timeout.
 */
export async function withTimeout<T>(
  what: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new SecretStoreError(
          'secret_store_unavailable',
          `${what} did not answer within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

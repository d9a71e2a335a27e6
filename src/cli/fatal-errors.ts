import type { Logger } from '../shared/logger.js';
import { ExitCode } from './exit-codes.js';

/**
 * For the long-running commands (`serve`, `run`): an error nothing caught is logged through
 * the redacting logger — Node's own crash report would print the raw message and stack to
 * stderr, and an error from a remote site or the secret store may quote a secret — and then
 * the process exits with code 1, as Node would, for the supervisor to restart it. The state
 * after such an error is unknown, so it is not carried on; half-finished publications are
 * resumed by the next start. Answers a function that removes the handlers.
 */
export function exitOnFatalErrors(logger: Logger): () => void {
  const fatal = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error, kind }, `sitedesk stopped: ${kind}`);
    logger.flush();
    process.exit(ExitCode.failed);
  };
  const onException = fatal('uncaught exception');
  const onRejection = fatal('unhandled promise rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.removeListener('uncaughtException', onException);
    process.removeListener('unhandledRejection', onRejection);
  };
}

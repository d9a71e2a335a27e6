import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { build as prettyStream } from 'pino-pretty';
import { processSecrets, redact, type SecretRegistry } from './redact.js';

/** The logger every module receives through its factory; pino's interface. */
export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: string;
  /** Where lines go; default stdout. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Secret values to hide; default the process-wide registry. */
  secrets?: SecretRegistry;
}

/**
 * A JSON logger whose every line passes through `redact`: authorization headers, passwords,
 * tokens and keys are removed at any depth, and registered secret values are removed from
 * messages and strings, so a secret cannot reach the log by accident.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? processSecrets;
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      // Error objects are turned into plain, redacted objects (no stack: stacks are for debugging
      // runs with level=debug, and they can quote arguments).
      serializers: { err: (e: unknown) => redact(e, secrets) },
      formatters: {
        log: (object) => redact(object, secrets) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? secrets.scrub(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

/**
 * Where a service's log lines go: JSON to `fd` for files, pipes and log collectors, or lines a
 * person reads ("16:02:11 INFO: publishing …") when `format` says so or, with `auto`, when `fd`
 * is a terminal. Redaction happens before either, in createLogger's formatters.
 */
export function logDestination(
  format: 'auto' | 'json' | 'pretty',
  fd: 1 | 2 = 1,
  isTerminal: boolean = fd === 1 ? process.stdout.isTTY : process.stderr.isTTY,
): DestinationStream {
  const pretty = format === 'pretty' || (format === 'auto' && isTerminal);
  if (!pretty) return pino.destination({ fd, sync: fd === 2 });
  return prettyStream({
    destination: fd,
    colorize: isTerminal,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    sync: true,
  });
}

/** A logger that discards everything (for tests that do not look at logs). */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}

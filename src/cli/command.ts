import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SitedeskError } from '../shared/errors.js';
import type { ExitCode } from './exit-codes.js';

/** Where a command writes; injected so tests can capture output and feed stdin. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

/** One `sitedesk` subcommand: its help text and what it does. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: CliIo): Promise<ExitCode>;
}

/** The command line was wrong; the message says how to call it right. Exit code 2. */
export class UsageError extends SitedeskError {
  constructor(message: string) {
    super('usage', message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` that turns its errors into UsageError and always knows `--help`. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Writes a line to a stream. */
export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}

import {
  ConfigError,
  NotFoundError,
  SecretStoreError,
  SitedeskError,
  ValidationError,
  messageOf,
} from '../shared/errors.js';
import { version } from '../shared/version.js';
import { println, UsageError, type CliIo, type Command } from './command.js';
import { backupCommand } from './commands/backup.js';
import { clientCommand } from './commands/client.js';
import { doctorCommand } from './commands/doctor.js';
import { meetingCommand } from './commands/meeting.js';
import { migrateToPostgresCommand } from './commands/migrate-to-postgres.js';
import { publishCommand } from './commands/publish.js';
import { regionCommand } from './commands/region.js';
import { letterCommand } from './commands/letter.js';
import { restoreCommand } from './commands/restore.js';
import { runCommand } from './commands/run.js';
import { scheduleCommand } from './commands/schedule.js';
import { secretsCommand } from './commands/secrets.js';
import { serveCommand } from './commands/serve.js';
import { siteCommand } from './commands/site.js';
import { taskCommand } from './commands/task.js';
import { userCommand } from './commands/user.js';
import { workerCommand } from './commands/worker.js';
import { ExitCode } from './exit-codes.js';

const commands: readonly Command[] = [
  clientCommand,
  siteCommand,
  taskCommand,
  publishCommand,
  scheduleCommand,
  meetingCommand,
  regionCommand,
  letterCommand,
  runCommand,
  serveCommand,
  workerCommand,
  doctorCommand,
  secretsCommand,
  userCommand,
  backupCommand,
  restoreCommand,
  migrateToPostgresCommand,
];

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: sitedesk <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "sitedesk <command> --help" for a command\'s options. "sitedesk --version" prints the version.',
  ].join('\n');
}

/** Runs the command line `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    println(name === undefined ? io.stderr : io.stdout, usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    println(io.stdout, version());
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`Unknown command "${name}".\n\n${usage()}`);
    return await command.run(rest, io);
  } catch (error) {
    println(io.stderr, `sitedesk ${name}: ${messageOf(error)}`);
    if (error instanceof UsageError || error instanceof ValidationError) return ExitCode.usage;
    if (error instanceof NotFoundError) return ExitCode.notFound;
    if (error instanceof ConfigError) return ExitCode.config;
    if (error instanceof SecretStoreError && error.code === 'secret_store_unavailable')
      return ExitCode.unavailable;
    if (error instanceof SitedeskError && error.code === 'store_not_empty') return ExitCode.usage;
    if (error instanceof SitedeskError && error.code === 'store_unavailable')
      return ExitCode.unavailable;
    if (!(error instanceof SitedeskError))
      println(io.stderr, 'This is a bug; please report it with the command you ran.');
    return ExitCode.failed;
  }
}

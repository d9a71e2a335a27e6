import { println, UsageError, type CliIo, type Command } from './command.js';
import { ExitCode } from './exit-codes.js';

/** One action of a command group, e.g. `add` of `sitedesk client`. */
export interface Action {
  summary: string;
  help: string;
  run(argv: string[], io: CliIo): Promise<ExitCode>;
}

/** A command with actions (`sitedesk client add|list`): each action has its own --help. */
export function commandGroup(
  name: string,
  summary: string,
  actions: Record<string, Action>,
): Command {
  const width = Math.max(...Object.keys(actions).map((a) => a.length));
  const help = [
    `Usage: sitedesk ${name} <${Object.keys(actions).join('|')}> [options]`,
    '',
    ...Object.entries(actions).map(([action, a]) => `  ${action.padEnd(width)}  ${a.summary}`),
    '',
    `Run "sitedesk ${name} <action> --help" for the options of an action.`,
  ].join('\n');
  return {
    name,
    summary,
    help,
    async run(argv, io) {
      const [action, ...rest] = argv;
      if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
        println(action === undefined ? io.stderr : io.stdout, help);
        return action === undefined ? ExitCode.usage : ExitCode.ok;
      }
      const chosen = Object.hasOwn(actions, action) ? actions[action] : undefined;
      if (!chosen) throw new UsageError(`Unknown action "${name} ${action}".\n\n${help}`);
      if (rest.includes('--help') || rest.includes('-h')) {
        println(io.stdout, chosen.help);
        return ExitCode.ok;
      }
      return chosen.run(rest, io);
    },
  };
}

/** Throws a UsageError when an action got positional arguments it does not take. */
export function noPositionals(positionals: string[], what: string): void {
  if (positionals.length > 0)
    throw new UsageError(`${what} takes no arguments (got "${positionals[0]}"); see --help.`);
}

/** The one positional argument an action takes; otherwise a UsageError saying `usage`. */
export function onePositional(positionals: string[], usage: string): string {
  const [only, ...extra] = positionals;
  if (only === undefined || extra.length > 0) throw new UsageError(usage);
  return only;
}

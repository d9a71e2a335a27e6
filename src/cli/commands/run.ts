import { version } from '../../shared/version.js';
import { backupFolder, passphraseFile, runScheduledBackups } from '../../tasks/backup/index.js';
import { createScheduler } from '../../tasks/index.js';
import { startUploadPruning } from '../../tasks/content-items/uploads-prune.js';
import { intFlag } from '../cli-input.js';
import { parseCommandArgs, println, UsageError, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { exitOnFatalErrors } from '../fatal-errors.js';
import { workspaceRunner } from '../publish-run.js';
import { createStoppableClock } from '../stoppable-clock.js';
import { openWorkspace, type Workspace } from '../workspace.js';
import { settingsWithoutSecrets } from './backup-settings.js';

const help = `Usage: sitedesk run [--concurrency N]

Runs the publishing runner and the scheduler in the foreground until Ctrl-C (SIGINT) or
SIGTERM, logging JSON lines to stdout. On start it resumes whatever a stopped or killed run
left in flight (nothing is published twice), then publishes queued posts, retries failures
with growing waits, checks live pages, takes ended promotions down and fires schedules in
each client's timezone. Run one per database.
  --concurrency N   posts published at once across all sites (default 8; one at a time per site)`;

/** Runs the runner, the scheduler and the pruning of unused uploads on `ws` until `signal` aborts; runner and scheduler finish their current work first. */
export async function runForeground(
  ws: Workspace,
  signal: AbortSignal,
  concurrency?: number,
): Promise<void> {
  const runner = workspaceRunner(ws, concurrency === undefined ? {} : { concurrency });
  const scheduler = createScheduler({}, { ...ws.tasks.deps, logger: ws.logger });
  ws.logger.info(
    { dataDir: ws.config.dataDir, secretStore: ws.secrets.store.kind },
    'runner and scheduler started',
  );
  // Images dropped into the editor for texts never saved would otherwise fill the disk.
  startUploadPruning(ws.tasks.deps, ws.logger, signal);
  const { config } = ws;
  const backups = runScheduledBackups(
    {
      dataDir: config.dataDir,
      backupDir: backupFolder(config),
      everyHours: config.backupEveryHours,
      keep: config.backupKeep,
      passphraseFile: passphraseFile(config, ws.env),
      settings: settingsWithoutSecrets(config),
      sitedeskVersion: version(),
    },
    { secrets: ws.secrets.store, clock: ws.clock, logger: ws.logger },
    signal,
  );
  await Promise.all([runner.run(signal), scheduler.run(signal), backups]);
  ws.logger.info('runner and scheduler stopped');
}

/** `sitedesk run`: runner + scheduler in the foreground. */
export const runCommand: Command = {
  name: 'run',
  summary: 'publish queued posts and fire schedules in the foreground (Ctrl-C stops)',
  help,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { concurrency: { type: 'string' } });
    if (values.help) {
      println(io.stdout, help);
      return ExitCode.ok;
    }
    if (positionals.length)
      throw new UsageError(`run takes no arguments (got "${positionals[0]}").`);
    const concurrency = intFlag(values.concurrency, '--concurrency', 1, 64);
    const controller = new AbortController();
    const ws = await openWorkspace(io.env, 'service', {
      clock: createStoppableClock(controller.signal),
    });
    if (ws.secrets.warning)
      ws.logger.warn({ warning: ws.secrets.warning }, 'secret store fallback');
    const stop = (signal: NodeJS.Signals): void => {
      ws.logger.info({ signal }, 'stopping after the posts in flight');
      controller.abort();
      // A second signal exits at once; a killed run is resumed by the next one.
      process.once(signal, () => process.exit(ExitCode.failed));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const stopCatching = exitOnFatalErrors(ws.logger);
    try {
      await runForeground(ws, controller.signal, concurrency);
    } finally {
      stopCatching();
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      await ws.close();
      ws.logger.flush();
    }
    return ExitCode.ok;
  },
};

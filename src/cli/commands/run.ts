import { version } from '../../shared/version.js';
import { backupFolder, passphraseFile, runScheduledBackups } from '../../tasks/backup/index.js';
import { createScheduler } from '../../tasks/index.js';
import { workTheQueue, type RowWorker } from '../../tasks/queue/index.js';
import { createMailDesk } from '../../tasks/mail/index.js';
import { createMeetingDesk } from '../../tasks/meetings/index.js';
import { openInstanceQueue, type InstanceQueue } from '../instance-queue.js';
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
each client's timezone. On SQLite run one per database. On PostgreSQL it is a worker of the job queue, the same as
"sitedesk worker": run as many as you like.
  --concurrency N   posts published at once across all sites (default 8; one at a time per site)`;

/**
 * Runs the runner, the scheduler and the pruning of unused uploads on `ws` until `signal`
 * aborts; runner and scheduler finish their current work first. With a job queue (PostgreSQL)
 * publications and schedule passes come as jobs from it (src/tasks/queue), and so do the mail
 * outbox's rows and the meeting writes for the `desks` given.
 */
export async function runForeground(
  ws: Workspace,
  signal: AbortSignal,
  concurrency?: number,
  instanceQueue?: InstanceQueue,
  desks: { mail?: RowWorker; meetings?: RowWorker } = {},
): Promise<void> {
  const queue = instanceQueue?.queue;
  // On stop, take no new jobs; the queue waits for the ones running (up to 30 s).
  const letGo = instanceQueue ? () => void instanceQueue.close() : undefined;
  if (letGo) signal.addEventListener('abort', letGo, { once: true });
  const delivery = queue && { enqueue: queue.enqueuePublication };
  const runner = workspaceRunner(
    ws,
    concurrency === undefined ? {} : { concurrency },
    ws.logger,
    delivery,
  );
  const scheduler = createScheduler(queue ? { askForPass: queue.enqueueSchedulePass } : {}, {
    ...ws.tasks.deps,
    logger: ws.logger,
  });
  if (queue)
    await workTheQueue(queue, {
      runner,
      scheduler,
      concurrency: concurrency ?? 8,
      logger: ws.logger,
      ...desks,
    });
  ws.logger.info(
    {
      dataDir: ws.config.dataDir,
      secretStore: ws.secrets.store.kind,
      queue: queue ? queue.engine : 'none (the runner reads the outbox)',
    },
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
  await instanceQueue?.close();
  ws.logger.info('runner and scheduler stopped');
}

/** `sitedesk run`: runner + scheduler in the foreground. */
export const runCommand: Command = {
  name: 'run',
  summary: 'publish queued posts and fire schedules in the foreground (Ctrl-C stops)',
  help,
  run: (argv, io) => runWorker('run', help, argv, io),
};

/** `sitedesk run` and `sitedesk worker`: the jobs of sitedesk without the HTTP service. */
export async function runWorker(
  name: string,
  helpText: string,
  argv: string[],
  io: Parameters<Command['run']>[1],
): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(argv, { concurrency: { type: 'string' } });
  if (values.help) {
    println(io.stdout, helpText);
    return ExitCode.ok;
  }
  if (positionals.length)
    throw new UsageError(`${name} takes no arguments (got "${positionals[0]}").`);
  const concurrency = intFlag(values.concurrency, '--concurrency', 1, 64);
  const controller = new AbortController();
  const ws = await openWorkspace(io.env, 'service', {
    clock: createStoppableClock(controller.signal),
  });
  if (ws.secrets.warning) ws.logger.warn({ warning: ws.secrets.warning }, 'secret store fallback');
  const stop = (signal: NodeJS.Signals): void => {
    ws.logger.info({ signal }, 'stopping after the posts in flight');
    controller.abort();
    // A second signal exits at once; a killed run is resumed by the next one.
    process.once(signal, () => process.exit(ExitCode.failed));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const stopCatching = exitOnFatalErrors(ws.logger);
  let queue: InstanceQueue | undefined;
  let desks: Awaited<ReturnType<typeof sharedDesks>> | undefined;
  try {
    queue = await openInstanceQueue(ws, 'worker', concurrency);
    ws.logger.info(
      { role: 'worker', database: ws.store.dialect, queue: queue?.queue.engine ?? null },
      'sitedesk worker',
    );
    desks = queue && (await sharedDesks(ws, queue));
    await runForeground(ws, controller.signal, concurrency, queue, desks);
  } finally {
    await desks?.mail.stop();
    await desks?.meetings.stop();
    await queue?.close();
    await queue?.releaseMailboxes();
    stopCatching();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await ws.close();
    ws.logger.flush();
  }
  return ExitCode.ok;
}

/**
 * On PostgreSQL a worker also sends the mail outbox's rows and writes meetings the queue hands
 * it, and reads the mailboxes it holds (docs/operator/scaling.md); on SQLite `sitedesk serve`
 * alone does that, as before.
 */
async function sharedDesks(ws: Workspace, queue: InstanceQueue) {
  const mail = createMailDesk(
    {
      dataDir: ws.config.dataDir,
      ...(ws.config.publicUrl ? { publicUrl: ws.config.publicUrl } : {}),
    },
    { tasks: ws.tasks, secrets: ws.secrets.store, logger: ws.logger, shared: queue.mail },
  );
  const meetings = createMeetingDesk(
    { tasks: ws.tasks, secrets: ws.secrets.store, logger: ws.logger },
    { delivery: queue.meetings },
  );
  await mail.start();
  meetings.start();
  return { mail, meetings };
}

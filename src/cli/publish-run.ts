import {
  createLiveCheck,
  createRunner,
  type Publication,
  type PublicationDelivery,
  type Runner,
} from '../tasks/index.js';
import { createSilentLogger, type Logger } from '../shared/logger.js';
import type { Workspace } from './workspace.js';

/** Settings of an in-process publish run. */
export interface PublishRunOptions {
  /** How long to keep retrying in this process, in ms, before leaving the rest to `sitedesk run`. */
  waitMs: number;
  /** Runner settings (tests and benchmarks shorten the backoff); defaults of createRunner otherwise. */
  runner?: Parameters<typeof createRunner>[0];
}

const finished = (p: Publication): boolean => p.state !== 'pending' && p.state !== 'publishing';

/** Makes the runner for this workspace: its connectors, its logger, live-page checks. */
export function workspaceRunner(
  ws: Workspace,
  config: Parameters<typeof createRunner>[0] = {},
  logger: Logger = ws.logger,
  delivery?: PublicationDelivery,
): Runner {
  return createRunner(config, {
    ...ws.tasks.deps,
    logger,
    connectorFor: ws.connectorFor,
    checkLive: createLiveCheck(),
    ...(delivery ? { delivery } : {}),
  });
}

/**
 * Runs the runner in this process until every publication of `taskId` has an outcome
 * (published, scheduled, failed, cancelled) or `waitMs` has passed; retries wait their
 * backoff here. Returns the publications as they are then.
 */
export async function publishInProcess(
  ws: Workspace,
  taskId: string,
  options: PublishRunOptions,
): Promise<Publication[]> {
  // The progress lines say what happened, in words; the runner's JSON log would repeat it.
  const runner = workspaceRunner(ws, options.runner, createSilentLogger());
  const deadline = ws.clock.now() + options.waitMs;
  for (;;) {
    await runner.runDue();
    const publications = await ws.tasks.listPublications({ taskId });
    if (publications.every(finished)) return publications;
    const now = ws.clock.now();
    if (now >= deadline) return publications;
    // Next due retry of ours; a row another process is publishing is looked at again in 1 s.
    const due = publications
      .filter((p) => p.state === 'pending' && p.nextAttemptAt !== null)
      .map((p) => Date.parse(p.nextAttemptAt ?? ''));
    const next = Math.min(now + 1000, ...due);
    await ws.clock.sleep(Math.max(10, Math.min(next, deadline) - now));
  }
}

import type { Logger } from '../../shared/logger.js';
import type { ServiceDeps } from '../context.js';
import { dispatchDue, type DispatchOptions, type DispatchReport } from './dispatch.js';

/** Settings of the scheduler loop. */
export interface SchedulerConfig extends DispatchOptions {
  /** Longest sleep between passes, in ms; default 60,000 (a schedule added meanwhile waits at most this). */
  maxSleepMs?: number;
  /**
   * With a job queue (PostgreSQL): run() asks the queue for a pass when a schedule is due
   * instead of running it, and whichever worker gets the job calls tick(). Schedules fire once
   * either way (claims in schedule_runs); the queue makes one worker do the pass.
   */
  askForPass?: (at: number) => Promise<void>;
}

/** With a queue, how long the loop waits after asking for a pass before it asks again, in ms. */
export const PASS_ASK_REST_MS = 1000;

/** The loop that fires due schedules; `tick` is one pass (tests call it with a fake clock). */
export interface Scheduler {
  tick(): Promise<DispatchReport>;
  /** Runs passes until `signal` aborts; sleeps on the injected clock until the next run is due. */
  run(signal: AbortSignal): Promise<void>;
}

/** Creates the scheduler over the task service's internals. */
export function createScheduler(
  config: SchedulerConfig,
  deps: ServiceDeps & { logger: Logger },
): Scheduler {
  const tick = async (): Promise<DispatchReport> => {
    const report = await dispatchDue(deps, config);
    for (const d of report.dispatched) {
      deps.logger.info(
        {
          scheduleId: d.scheduleId,
          occurrenceAt: d.occurrenceAt,
          taskId: d.taskId,
          outcome: d.outcome,
        },
        'schedule fired',
      );
    }
    for (const e of report.errors)
      deps.logger.error({ scheduleId: e.scheduleId, reason: e.message }, 'schedule failed');
    return report;
  };

  const untilNext = async (): Promise<number> => {
    const next = await deps.db
      .selectFrom('schedules')
      .select('next_run_at')
      .where('enabled', '=', 1)
      .where('next_run_at', 'is not', null)
      .orderBy('next_run_at')
      .limit(1)
      .executeTakeFirst();
    const max = config.maxSleepMs ?? 60_000;
    if (!next?.next_run_at) return max;
    return Math.min(max, Math.max(0, Date.parse(next.next_run_at) - deps.clock.now()));
  };

  return {
    tick,
    async run(signal) {
      const aborted = new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      const ask = config.askForPass;
      while (!signal.aborted) {
        // Until the pass has run, the schedule stays due: wait a moment before asking again.
        let rest = 1;
        try {
          if (!ask) await tick();
          else if ((await untilNext()) === 0) {
            await ask(deps.clock.now());
            rest = PASS_ASK_REST_MS;
          }
        } catch (error) {
          deps.logger.error({ err: error }, 'scheduler pass failed');
        }
        if (signal.aborted) break;
        await Promise.race([deps.clock.sleep(Math.max(rest, await untilNext())), aborted]);
      }
    },
  };
}

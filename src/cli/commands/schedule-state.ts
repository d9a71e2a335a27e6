import { NotFoundError } from '../../shared/errors.js';
import type { Schedule, TaskService } from '../../tasks/index.js';
import { parseCommandArgs, println, UsageError } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { onePositional, type Action } from '../group.js';
import { withWorkspace } from '../workspace.js';

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A schedule by id or by its exact name (case-insensitive). */
async function findSchedule(tasks: TaskService, ref: string): Promise<Schedule> {
  const all = await tasks.listSchedules();
  const byId = ID.test(ref) ? all.find((s) => s.id === ref) : undefined;
  if (byId) return byId;
  const named = all.filter((s) => s.name.toLowerCase() === ref.trim().toLowerCase());
  if (named.length === 1 && named[0]) return named[0];
  if (named.length > 1)
    throw new UsageError(
      `SCHEDULE "${ref}" is the name of ${named.length}; use the id (${named.map((s) => s.id).join(', ')}).`,
    );
  throw new NotFoundError(`SCHEDULE "${ref}": no schedule has this id or name.`);
}

function oneSchedule(argv: string[], action: string): string {
  const { positionals } = parseCommandArgs(argv, {});
  const ref = onePositional(
    positionals,
    `schedule ${action} needs one SCHEDULE (id or name), e.g. sitedesk schedule ${action} "Weekly menu".`,
  );
  return ref;
}

function switchAction(enabled: boolean): Action {
  const action = enabled ? 'resume' : 'pause';
  return {
    summary: enabled ? 'resume a paused schedule' : 'pause a schedule',
    help: `Usage: sitedesk schedule ${action} SCHEDULE

${
  enabled
    ? 'Resumes a paused schedule: it runs next at its first occurrence from now (what fell due\nwhile it was paused is not caught up).'
    : 'Pauses a schedule: it makes no tasks until it is resumed.'
} SCHEDULE is its id or exact name.`,
    async run(argv, io) {
      const ref = oneSchedule(argv, action);
      return withWorkspace(io.env, async (ws) => {
        const schedule = await findSchedule(ws.tasks, ref);
        const changed = await ws.tasks.setScheduleEnabled(schedule.id, enabled, ws.actor);
        println(
          io.stderr,
          `Schedule "${changed.name}" ${enabled ? `resumed; next run ${changed.nextRunAt ?? 'none (it has ended)'}` : 'paused'}.`,
        );
        return ExitCode.ok;
      });
    },
  };
}

/** `sitedesk schedule pause SCHEDULE`. */
export const schedulePauseAction = switchAction(false);
/** `sitedesk schedule resume SCHEDULE`. */
export const scheduleResumeAction = switchAction(true);

/** `sitedesk schedule remove SCHEDULE`. */
export const scheduleRemoveAction: Action = {
  summary: 'delete a schedule (the tasks it made stay)',
  help: `Usage: sitedesk schedule remove SCHEDULE

Deletes a schedule and the texts supplied ahead for it. The tasks it already made stay (their
link to it is cleared); the history keeps its record. SCHEDULE is its id or exact name.`,
  async run(argv, io) {
    const ref = oneSchedule(argv, 'remove');
    return withWorkspace(io.env, async (ws) => {
      const schedule = await findSchedule(ws.tasks, ref);
      await ws.tasks.deleteSchedule(schedule.id, ws.actor);
      println(io.stderr, `Schedule "${schedule.name}" deleted.`);
      return ExitCode.ok;
    });
  },
};

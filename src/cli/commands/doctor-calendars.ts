import type { SecretStore } from '../../secrets/types.js';
import { systemClock } from '../../shared/clock.js';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { StoreConfig } from '../../store/index.js';
import { createTaskService } from '../../tasks/index.js';
import { createMeetingDesk } from '../../tasks/meetings/index.js';
import { inspectDatabase, type Finding } from './doctor-finding.js';

/** A check that did not answer within `ms` is a failure in words, not a hung doctor. */
function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The doctor's "calendars" finding (issue 19): each client calendar checked live, read-only —
 * the server answers, the password in the secret store is accepted, the calendar is there and
 * may be written — with the cause and the fix in words when not. It takes the secret store the
 * doctor already opened.
 */
export function checkCalendars(
  where: StoreConfig,
  secrets: SecretStore,
  logger: Logger,
  timeoutMs = 15_000,
): Promise<Finding> {
  const names = {
    check: 'calendars',
    cannotOpen: 'cannot be checked',
    cannotRead: 'cannot be checked',
  };
  return inspectDatabase(where, logger, names, async (store) => {
    const tasks = createTaskService({ store, clock: systemClock });
    const desk = createMeetingDesk({ tasks, secrets, logger });
    try {
      const calendars = await desk.listCalendars();
      if (calendars.length === 0) {
        return { check: 'calendars', status: 'ok', summary: 'none configured', notes: [] };
      }
      const lines = await Promise.all(
        calendars.map(async (c) => {
          const where = `${c.clientName} (calendar "${c.settings.calendar}" at ${c.settings.url})`;
          try {
            const result = await within(timeoutMs, desk.checkCalendar(c.clientId), c.settings.url);
            if (result.ok)
              return {
                ok: true,
                note: `ok   ${where}: reachable, password accepted, calendar writable`,
              };
            const cause = result.cause;
            return {
              ok: false,
              note: `FAIL ${where}: ${cause?.message ?? 'check failed'}${cause?.fix ? ` — fix: ${cause.fix}` : ''}`,
            };
          } catch (error) {
            return { ok: false, note: `FAIL ${where}: ${messageOf(error)}` };
          }
        }),
      );
      const bad = lines.filter((l) => !l.ok).length;
      return {
        check: 'calendars',
        // A calendar that refuses the password books nothing: a failure to act on.
        status: bad > 0 ? 'fail' : 'ok',
        summary: bad > 0 ? `${bad} of ${lines.length} failing` : `${lines.length} working`,
        notes: lines.map((l) => l.note),
      };
    } finally {
      await desk.stop();
    }
  });
}

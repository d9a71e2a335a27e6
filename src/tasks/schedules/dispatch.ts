import { messageOf } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { getClient } from '../clients.js';
import { inTransaction, type ServiceDeps } from '../context.js';
import { nextRunIso, recurrenceOf, scheduleFromRow } from './model.js';
import { createOccurrenceTask, type OccurrenceOutcome } from './occurrence.js';

/** Tuning of dispatchDue. */
export interface DispatchOptions {
  /** Schedules read per query; default 500. */
  batchSize?: number;
  /** With catch-up `none`, an occurrence at most this late still fires, in ms; default 15 minutes. */
  graceMs?: number;
  /** At most this many missed occurrences are looked at per schedule; default 10,000. */
  maxMissed?: number;
}

/** One occurrence turned into a task. `lagMs` is how late it was dispatched. */
export interface Dispatched {
  scheduleId: string;
  occurrenceAt: string;
  taskId: string;
  outcome: OccurrenceOutcome;
  lagMs: number;
}

/** What one dispatch pass did. */
export interface DispatchReport {
  dispatched: Dispatched[];
  /** Missed occurrences passed over by the catch-up policy. */
  skipped: number;
  /** Schedules that failed, with why (the others went on). */
  errors: { scheduleId: string; message: string }[];
}

/**
 * Fires every schedule whose next run has come, each in its own transaction. The primary key
 * (schedule id, occurrence time) of schedule_runs makes a second dispatch of the same
 * occurrence impossible, even from two processes or after a crash mid-way. Missed
 * occurrences (after downtime) follow the schedule's catch-up policy.
 */
export async function dispatchDue(
  deps: ServiceDeps,
  options: DispatchOptions = {},
): Promise<DispatchReport> {
  const now = deps.clock.now();
  const nowIso = new Date(now).toISOString();
  const report: DispatchReport = { dispatched: [], skipped: 0, errors: [] };
  let lastId = '';
  for (;;) {
    const due = await deps.db
      .selectFrom('schedules')
      .select('id')
      .where('enabled', '=', 1)
      .where('next_run_at', '<=', nowIso)
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(options.batchSize ?? 500)
      .execute();
    if (due.length === 0) return report;
    for (const { id } of due) {
      lastId = id;
      try {
        await dispatchOne(deps, id, now, options, report);
      } catch (error) {
        report.errors.push({ scheduleId: id, message: messageOf(error) });
      }
    }
  }
}

async function dispatchOne(
  deps: ServiceDeps,
  id: string,
  now: number,
  options: DispatchOptions,
  report: DispatchReport,
): Promise<void> {
  await inTransaction(deps, { actor: `schedule:${id}` }, async (unit) => {
    const row = await unit.trx
      .selectFrom('schedules')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    // Re-read inside the transaction: another process may have dispatched it meanwhile.
    if (!row || row.enabled !== 1 || row.next_run_at === null || Date.parse(row.next_run_at) > now)
      return;
    const schedule = scheduleFromRow(row);
    const client = await getClient({ db: unit.trx }, schedule.clientId);
    const recurrence = recurrenceOf(schedule, client.timezone);
    const first = Date.parse(row.next_run_at);
    let due = [first, ...recurrence.between(first, now, options.maxMissed ?? 10_000)];
    if (schedule.count !== null) due = due.slice(0, Math.max(0, schedule.count - schedule.fired));
    const fire =
      schedule.catchUp === 'all'
        ? due
        : schedule.catchUp === 'latest'
          ? due.slice(-1)
          : due.filter((t) => now - t <= (options.graceMs ?? 15 * 60_000)).slice(-1);
    const fired: string[] = [];
    for (const at of fire) {
      const occurrenceAt = new Date(at).toISOString();
      const claimed = await unit.trx
        .insertInto('schedule_runs')
        .values({
          schedule_id: id,
          occurrence_at: occurrenceAt,
          task_id: null,
          outcome: 'claimed',
          created_at: unit.at,
        })
        .onConflict((oc) => oc.columns(['schedule_id', 'occurrence_at']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      const { task, outcome } = await createOccurrenceTask(deps, unit, schedule, client, at);
      await unit.trx
        .updateTable('schedule_runs')
        .set({ task_id: task.id, outcome })
        .where('schedule_id', '=', id)
        .where('occurrence_at', '=', occurrenceAt)
        .execute();
      fired.push(occurrenceAt);
      report.dispatched.push({
        scheduleId: id,
        occurrenceAt,
        taskId: task.id,
        outcome,
        lagMs: now - at,
      });
    }
    const skipped = due.length - fire.length;
    report.skipped += skipped;
    const total = schedule.fired + due.length;
    const next = nextRunIso(schedule, recurrence, Math.max(now, due.at(-1) ?? first), total);
    await unit.trx
      .updateTable('schedules')
      .set({ next_run_at: next, fired: total, updated_at: unit.at })
      .where('id', '=', id)
      .execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'schedule',
      entityId: id,
      action: 'dispatched',
      actor: unit.actor,
      at: unit.at,
      changes: { fired, skipped, nextRunAt: next },
    });
  });
}

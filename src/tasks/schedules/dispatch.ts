import { sql, type Selectable } from 'kysely';
import { messageOf } from '../../shared/errors.js';
import { appendHistory, type SchedulesTable } from '../../store/index.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type ServiceDeps, type Unit } from '../context.js';
import type { TaskEvent } from '../events.js';
import type { Client } from '../types.js';
import { nextRunIso, recurrenceOf, scheduleFromRow } from './model.js';
import { createOccurrenceTask, type OccurrenceOutcome } from './occurrence.js';
import {
  createWeekdayNamer,
  createZoneMath,
  type WeekdayNamer,
  type ZoneMath,
} from './zone-time.js';

/** Tuning of dispatchDue. */
export interface DispatchOptions {
  /** Schedules handled per transaction; default 100. */
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

/** Thrown inside a savepoint when another process dispatched the schedule first. */
class Raced extends Error {}

interface Pass {
  now: number;
  options: DispatchOptions;
  clients: Map<string, Client>;
  weekdayName: WeekdayNamer;
  zoneMath: ZoneMath;
}

/**
 * Fires every schedule whose next run has come. Schedules go in batches, one transaction per
 * batch (a commit per schedule would dominate the catch-up time) and a savepoint per
 * schedule, so one failing schedule is rolled back and reported while the others go on.
 * The primary key (schedule id, occurrence time) of schedule_runs, and the check that
 * `next_run_at` is still what was read, make a second dispatch of an occurrence impossible,
 * even from two processes or after a crash mid-way. Missed occurrences (after downtime)
 * follow the schedule's catch-up policy.
 */
export async function dispatchDue(
  deps: ServiceDeps,
  options: DispatchOptions = {},
): Promise<DispatchReport> {
  const pass: Pass = {
    now: deps.clock.now(),
    options,
    clients: new Map(),
    weekdayName: createWeekdayNamer(),
    zoneMath: createZoneMath(),
  };
  const report: DispatchReport = { dispatched: [], skipped: 0, errors: [] };
  let lastId = '';
  for (;;) {
    const rows = await deps.db
      .selectFrom('schedules')
      .selectAll()
      .where('enabled', '=', 1)
      .where('next_run_at', '<=', new Date(pass.now).toISOString())
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(options.batchSize ?? 100)
      .execute();
    if (rows.length === 0) return report;
    lastId = rows.at(-1)?.id ?? lastId;
    try {
      const batch = await inTransaction(deps, { actor: 'scheduler' }, (unit) =>
        dispatchBatch(deps, unit, rows, pass),
      );
      report.dispatched.push(...batch.dispatched);
      report.skipped += batch.skipped;
      report.errors.push(...batch.errors);
    } catch (error) {
      // The batch could not commit (e.g. another process held the database): nothing of it
      // happened; the next pass finds these schedules due again.
      for (const row of rows) report.errors.push({ scheduleId: row.id, message: messageOf(error) });
    }
  }
}

async function dispatchBatch(
  deps: ServiceDeps,
  unit: Unit,
  rows: Selectable<SchedulesTable>[],
  pass: Pass,
): Promise<DispatchReport> {
  const out: DispatchReport = { dispatched: [], skipped: 0, errors: [] };
  for (const row of rows) {
    const events: TaskEvent[] = [];
    const sub: Unit = { ...unit, actor: `schedule:${row.id}`, emit: (event) => events.push(event) };
    await sql`SAVEPOINT dispatch_one`.execute(unit.trx);
    try {
      const one = await dispatchOne(deps, sub, row, pass);
      await sql`RELEASE dispatch_one`.execute(unit.trx);
      out.dispatched.push(...one.dispatched);
      out.skipped += one.skipped;
      for (const event of events) unit.emit(event);
    } catch (error) {
      await sql`ROLLBACK TO dispatch_one`.execute(unit.trx);
      await sql`RELEASE dispatch_one`.execute(unit.trx);
      if (!(error instanceof Raced))
        out.errors.push({ scheduleId: row.id, message: messageOf(error) });
    }
  }
  return out;
}

async function dispatchOne(
  deps: ServiceDeps,
  unit: Unit,
  row: Selectable<SchedulesTable>,
  pass: Pass,
): Promise<{ dispatched: Dispatched[]; skipped: number }> {
  const { now, options } = pass;
  const schedule = scheduleFromRow(row);
  const client =
    pass.clients.get(schedule.clientId) ?? (await getClient({ db: unit.trx }, schedule.clientId));
  pass.clients.set(client.id, client);
  const recurrence = recurrenceOf(schedule, client.timezone, pass.zoneMath);
  const first = Date.parse(row.next_run_at ?? '');
  let due = [first, ...recurrence.between(first, now, options.maxMissed ?? 10_000)];
  if (schedule.count !== null) due = due.slice(0, Math.max(0, schedule.count - schedule.fired));
  const fire =
    schedule.catchUp === 'all'
      ? due
      : schedule.catchUp === 'latest'
        ? due.slice(-1)
        : due.filter((t) => now - t <= (options.graceMs ?? 15 * 60_000)).slice(-1);

  const total = schedule.fired + due.length;
  const next = nextRunIso(schedule, recurrence, Math.max(now, due.at(-1) ?? first), total);
  // Claim the schedule first: if another process moved next_run_at meanwhile, stop here.
  const moved = await unit.trx
    .updateTable('schedules')
    .set({ next_run_at: next, fired: total, updated_at: unit.at })
    .where('id', '=', row.id)
    .where('next_run_at', '=', row.next_run_at)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new Raced();

  const dispatched: Dispatched[] = [];
  for (const at of fire) {
    const occurrenceAt = new Date(at).toISOString();
    // An occurrence already in schedule_runs went out before: it is passed over, never redone.
    const claimed = await unit.trx
      .insertInto('schedule_runs')
      .values({
        schedule_id: row.id,
        occurrence_at: occurrenceAt,
        task_id: null,
        outcome: 'claimed',
        created_at: unit.at,
      })
      .onConflict((oc) => oc.columns(['schedule_id', 'occurrence_at']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    const { task, outcome } = await createOccurrenceTask(
      deps,
      unit,
      schedule,
      client,
      at,
      pass.weekdayName,
    );
    await unit.trx
      .updateTable('schedule_runs')
      .set({ task_id: task.id, outcome })
      .where('schedule_id', '=', row.id)
      .where('occurrence_at', '=', occurrenceAt)
      .execute();
    dispatched.push({
      scheduleId: row.id,
      occurrenceAt,
      taskId: task.id,
      outcome,
      lagMs: now - at,
    });
  }
  await appendHistory(unit.trx, deps.newId, {
    entity: 'schedule',
    entityId: row.id,
    action: 'dispatched',
    actor: unit.actor,
    at: unit.at,
    changes: {
      fired: dispatched.map((d) => d.occurrenceAt),
      skipped: due.length - fire.length,
      nextRunAt: next,
    },
  });
  return { dispatched, skipped: due.length - fire.length };
}

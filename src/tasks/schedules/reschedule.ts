import { appendHistory } from '../../store/index.js';
import type { ServiceDeps, Unit } from '../context.js';
import { nextRunIso, recurrenceOf, scheduleFromRow } from './model.js';

/**
 * Recomputes the next run of a client's schedules from now, in `zone`: after the client's
 * timezone changed (09:00 must mean 09:00 in the new zone) or when a schedule is switched
 * back on (what fell due while it was off is not caught up). Writes a history entry per
 * schedule whose next run moved.
 */
export async function rescheduleFromNow(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  zone: string,
  filter: { clientId: string } | { scheduleId: string },
): Promise<void> {
  let query = unit.trx.selectFrom('schedules').selectAll();
  query =
    'clientId' in filter
      ? query.where('client_id', '=', filter.clientId)
      : query.where('id', '=', filter.scheduleId);
  for (const row of await query.execute()) {
    const schedule = scheduleFromRow(row);
    const next = nextRunIso(
      schedule,
      recurrenceOf(schedule, zone),
      Date.parse(unit.at) - 1,
      schedule.fired,
    );
    if (next === row.next_run_at) continue;
    await unit.trx
      .updateTable('schedules')
      .set({ next_run_at: next, updated_at: unit.at })
      .where('id', '=', row.id)
      .execute();
    await appendHistory(unit.trx, deps.newId, {
      entity: 'schedule',
      entityId: row.id,
      action: 'rescheduled',
      actor: unit.actor,
      at: unit.at,
      changes: { nextRunAt: { from: row.next_run_at, to: next }, zone },
    });
  }
}

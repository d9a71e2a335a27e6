import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { checkSites, clientIssues } from '../task-list/references.js';
import { invalid, parseInput } from '../validate.js';
import { nextRunIso, recurrenceOf, scheduleFromRow, type Schedule } from './model.js';
import { rescheduleFromNow } from './reschedule.js';
import { createScheduleSchema, type CreateScheduleInput } from './schemas.js';
import { formatLocal } from './zone-time.js';
import { regionSites } from '../regions/references.js';

/** Adds a schedule; its first run is the first occurrence after now (or after its start). */
export async function createSchedule(
  deps: ServiceDeps,
  input: CreateScheduleInput,
  who: Actor,
): Promise<Schedule> {
  const data = parseInput(createScheduleSchema, input, 'schedule');
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const client = await trx
      .selectFrom('clients')
      .select('timezone')
      .where('id', '=', data.clientId)
      .executeTakeFirst();
    const issues = await clientIssues(trx, data.clientId);
    if (!client || issues.length) throw invalid('schedule', issues);
    const regionIds = data.target?.regionIds;
    const siteIds = regionIds ? await regionSites(trx, data.clientId, regionIds) : data.siteIds;
    const siteIssues = await checkSites(trx, data.clientId, siteIds, 'siteIds');
    if (siteIssues.length) throw invalid('schedule', siteIssues);
    const stored = {
      rule: data.rule,
      startsAt: data.startsAt ?? at,
      endsAt: data.endsAt ?? null,
      count: data.count ?? null,
    };
    const first = nextRunIso(stored, recurrenceOf(stored, client.timezone), Date.parse(at) - 1, 0);
    const id = deps.newId();
    const row = {
      id,
      client_id: data.clientId,
      name: data.name,
      rule: JSON.stringify(stored),
      template: JSON.stringify(data.template),
      site_ids: JSON.stringify(siteIds),
      catch_up: data.catchUp,
      enabled: data.enabled ? 1 : 0,
      next_run_at: first,
      fired: 0,
      region_ids: regionIds ? JSON.stringify(regionIds) : null,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('schedules').values(row).execute();
    await appendHistory(trx, deps.newId, {
      entity: 'schedule',
      entityId: id,
      action: 'created',
      actor,
      at,
      changes: data,
    });
    return scheduleFromRow(row);
  });
}

/** The schedules of one client (or all). */
export async function listSchedules(
  deps: Pick<ServiceDeps, 'db'>,
  filter: { clientId?: string } = {},
): Promise<Schedule[]> {
  let query = deps.db.selectFrom('schedules').selectAll();
  if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
  return (await query.orderBy('name').orderBy('id').execute()).map(scheduleFromRow);
}

/** One upcoming run: the instant (UTC) and how the client reads it. */
export interface UpcomingRun {
  at: string;
  local: string;
}

/** The stored row of schedule `id` (in or out of a transaction), or NotFoundError. */
export async function loadScheduleRow(db: ServiceDeps['db'], id: string) {
  const row = await db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No schedule with id ${id}.`);
  return row;
}

/** A schedule with its next `n` runs (default 5) in the client's time. */
export async function getSchedule(
  deps: Pick<ServiceDeps, 'db'>,
  id: string,
  n = 5,
): Promise<{ schedule: Schedule; upcoming: UpcomingRun[] }> {
  const schedule = scheduleFromRow(await loadScheduleRow(deps.db, id));
  const { timezone } = await getClient(deps, schedule.clientId);
  const recurrence = recurrenceOf(schedule, timezone);
  const upcoming: UpcomingRun[] = [];
  const left = schedule.count === null ? n : Math.min(n, schedule.count - schedule.fired);
  let at = schedule.nextRunAt === null ? undefined : Date.parse(schedule.nextRunAt);
  while (at !== undefined && upcoming.length < left) {
    upcoming.push({ at: new Date(at).toISOString(), local: formatLocal(timezone, at) });
    at = recurrence.nextAfter(at);
  }
  return { schedule, upcoming };
}

/** Switches a schedule off or on; switched on, it runs next at its first occurrence from now. */
export async function setScheduleEnabled(
  deps: ServiceDeps,
  id: string,
  enabled: boolean,
  who: Actor,
): Promise<Schedule> {
  return inTransaction(deps, who, async (unit) => {
    const row = await loadScheduleRow(unit.trx, id);
    if (enabled) {
      // Archiving a client paused its schedules and archived their sites: they stay paused.
      const client = await unit.trx
        .selectFrom('clients')
        .select('archived_at')
        .where('id', '=', row.client_id)
        .executeTakeFirst();
      if (client?.archived_at)
        throw new ConflictError(`Schedule ${id} belongs to an archived client; it stays paused.`);
    }
    if ((row.enabled === 1) !== enabled) {
      await unit.trx
        .updateTable('schedules')
        .set({ enabled: enabled ? 1 : 0, updated_at: unit.at })
        .where('id', '=', id)
        .execute();
      await appendHistory(unit.trx, deps.newId, {
        entity: 'schedule',
        entityId: id,
        action: enabled ? 'enabled' : 'disabled',
        actor: unit.actor,
        at: unit.at,
        changes: {},
      });
      if (enabled) {
        const { timezone } = await getClient({ db: unit.trx }, row.client_id);
        await rescheduleFromNow(deps, unit, timezone, { scheduleId: id });
      }
    }
    return scheduleFromRow(
      await unit.trx
        .selectFrom('schedules')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  });
}

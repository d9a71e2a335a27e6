import { NotFoundError } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { getClient } from '../clients.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { contentItemFromRow } from '../rows.js';
import { checkSites } from '../references.js';
import { queuePublish } from '../publications.js';
import { applyTransition } from '../tasks.js';
import type { Task } from '../types.js';
import { invalid, parseInput } from '../validate.js';
import { nextRunIso, recurrenceOf, scheduleFromRow, type Schedule } from './model.js';
import {
  createScheduleSchema,
  scheduleTextSchema,
  type CreateScheduleInput,
  type ScheduleTextInput,
} from './schemas.js';
import { render, variablesFor } from './template.js';
import { formatLocal, localParts } from './zone-time.js';

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
    if (!client)
      throw invalid('schedule', [{ path: 'clientId', message: 'no client has this id' }]);
    const siteIssues = await checkSites(trx, data.clientId, data.siteIds, 'siteIds');
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
      site_ids: JSON.stringify(data.siteIds),
      catch_up: data.catchUp,
      enabled: data.enabled ? 1 : 0,
      next_run_at: first,
      fired: 0,
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

/** A schedule with its next `n` runs (default 5) in the client's time. */
export async function getSchedule(
  deps: Pick<ServiceDeps, 'db'>,
  id: string,
  n = 5,
): Promise<{ schedule: Schedule; upcoming: UpcomingRun[] }> {
  const row = await deps.db
    .selectFrom('schedules')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No schedule with id ${id}.`);
  const schedule = scheduleFromRow(row);
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

/**
 * Supplies the text for the occurrence on a client-local date (ahead of time, or late). When
 * that occurrence already made a task that waits for it, the content is filled in and the
 * task is queued for publishing in the same transaction; that task is returned.
 */
export async function supplyScheduleText(
  deps: ServiceDeps,
  input: ScheduleTextInput,
  who: Actor,
): Promise<{ released?: Task }> {
  const data = parseInput(scheduleTextSchema, input, 'schedule text');
  return inTransaction(deps, who, async (unit) => {
    const row = await unit.trx
      .selectFrom('schedules')
      .selectAll()
      .where('id', '=', data.scheduleId)
      .executeTakeFirst();
    if (!row)
      throw invalid('schedule text', [{ path: 'scheduleId', message: 'no schedule has this id' }]);
    await unit.trx
      .insertInto('schedule_texts')
      .values({
        schedule_id: data.scheduleId,
        local_date: data.date,
        text: data.text,
        created_at: unit.at,
      })
      .onConflict((oc) =>
        oc
          .columns(['schedule_id', 'local_date'])
          .doUpdateSet({ text: data.text, created_at: unit.at }),
      )
      .execute();
    const schedule = scheduleFromRow(row);
    await appendHistory(unit.trx, deps.newId, {
      entity: 'schedule',
      entityId: schedule.id,
      action: 'text_supplied',
      actor: unit.actor,
      at: unit.at,
      changes: { date: data.date },
    });
    const client = await getClient({ db: unit.trx }, schedule.clientId);
    const waitingRuns = await unit.trx
      .selectFrom('schedule_runs')
      .select(['occurrence_at', 'task_id'])
      .where('schedule_id', '=', schedule.id)
      .where('outcome', '=', 'waiting_text')
      .execute();
    const run = waitingRuns.find(
      (r) => localParts(client.timezone, Date.parse(r.occurrence_at)).date === data.date,
    );
    if (!run?.task_id) return {};
    const taskRow = await unit.trx
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', run.task_id)
      .executeTakeFirstOrThrow();
    if (taskRow.status !== 'waiting_client' || !taskRow.content_item_id) return {};
    const vars = variablesFor(client, client.timezone, Date.parse(run.occurrence_at), data.text);
    const t = schedule.template;
    const fields = {
      title: render(t.title, vars),
      markdown: render(t.markdown, vars),
      excerpt: t.excerpt === undefined ? null : render(t.excerpt, vars),
      updated_at: unit.at,
    };
    await unit.trx
      .updateTable('content_items')
      .set(fields)
      .where('id', '=', taskRow.content_item_id)
      .execute();
    const item = contentItemFromRow(
      await unit.trx
        .selectFrom('content_items')
        .selectAll()
        .where('id', '=', taskRow.content_item_id)
        .executeTakeFirstOrThrow(),
    );
    await appendHistory(unit.trx, deps.newId, {
      entity: 'content_item',
      entityId: item.id,
      taskId: taskRow.id,
      action: 'updated',
      actor: unit.actor,
      at: unit.at,
      changes: { text: 'supplied', title: fields.title },
    });
    await unit.trx
      .updateTable('schedule_runs')
      .set({ outcome: 'queued' })
      .where('schedule_id', '=', schedule.id)
      .where('occurrence_at', '=', run.occurrence_at)
      .execute();
    const approved = await applyTransition(deps, unit, taskRow, 'approved', 'text supplied');
    const { task } = await queuePublish(
      deps,
      unit,
      { taskId: approved.id, contentItemId: item.id, siteIds: schedule.siteIds },
      'schedule',
    );
    return { released: task };
  });
}

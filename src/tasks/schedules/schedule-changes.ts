import { z } from 'zod';
import { appendHistory } from '../../store/index.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { checkSites } from '../task-list/references.js';
import { instantSchema } from '../schemas/common.js';
import { invalid, parseInput } from '../validate.js';
import { scheduleFromRow, type Schedule, type StoredRule } from './model.js';
import { rescheduleFromNow } from './reschedule.js';
import { loadScheduleRow } from './schedules.js';
import { catchUpPolicies, createScheduleSchema, targetIssues, targetSchema } from './schemas.js';
import { regionSites } from '../regions/references.js';
import { idSchema } from '../schemas/common.js';

const create = createScheduleSchema.shape;

/** Input of updateSchedule: any of these (null clears an end or a count); client and pause stay. */
export const updateScheduleSchema = z.strictObject({
  name: create.name.optional(),
  rule: create.rule.optional(),
  startsAt: instantSchema.optional(),
  endsAt: instantSchema.nullable().optional(),
  count: z.number().int().min(1).max(100_000).nullable().optional(),
  template: create.template.optional(),
  siteIds: z.array(idSchema).min(1, 'must name at least one site').optional(),
  /** A region schedule's regions (issue 23). */
  target: targetSchema.optional(),
  catchUp: z.enum(catchUpPolicies).optional(),
});
export type UpdateScheduleInput = z.input<typeof updateScheduleSchema>;

/**
 * Changes a schedule; its next run is recomputed from now in the client's timezone (an
 * occurrence missed before the change is not caught up). A dispatch that read the old next
 * run finds it moved and leaves the schedule alone, so the change and a run never mix.
 */
export async function updateSchedule(
  deps: ServiceDeps,
  id: string,
  input: UpdateScheduleInput,
  who: Actor,
): Promise<Schedule> {
  const patch = parseInput(updateScheduleSchema, input, 'schedule change');
  return inTransaction(deps, who, async (unit) => {
    const { trx, at, actor } = unit;
    const row = await loadScheduleRow(trx, id);
    const before = scheduleFromRow(row);
    const rule: StoredRule = {
      rule: patch.rule ?? before.rule,
      startsAt: patch.startsAt ?? before.startsAt,
      endsAt: patch.endsAt === undefined ? before.endsAt : patch.endsAt,
      count: patch.count === undefined ? before.count : patch.count,
    };
    if (rule.endsAt !== null && rule.startsAt >= rule.endsAt)
      throw invalid('schedule change', [{ path: 'endsAt', message: 'must be after startsAt' }]);
    const template = patch.template ?? before.template;
    const target = patch.target ?? before.target;
    const shape = targetIssues(template.kind, patch.siteIds, target).map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    if (shape.length) throw invalid('schedule change', shape);
    let siteIds = patch.siteIds ?? before.siteIds;
    if (template.kind === 'region' && target)
      siteIds = await regionSites(trx, before.clientId, target.regionIds);
    if (patch.siteIds || patch.target) {
      const issues = await checkSites(trx, before.clientId, siteIds, 'siteIds');
      if (issues.length) throw invalid('schedule change', issues);
    }
    const next = {
      name: patch.name ?? before.name,
      rule: JSON.stringify(rule),
      template: JSON.stringify(patch.template ?? before.template),
      site_ids: JSON.stringify(siteIds),
      region_ids: template.kind === 'region' && target ? JSON.stringify(target.regionIds) : null,
      catch_up: patch.catchUp ?? before.catchUp,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (key) => next[key] !== row[key],
    );
    if (changed.length === 0) return before;
    await trx
      .updateTable('schedules')
      .set({ ...next, updated_at: at })
      .where('id', '=', id)
      .execute();
    const after = scheduleFromRow({ ...row, ...next });
    const field = {
      rule: 'rule',
      site_ids: 'siteIds',
      region_ids: 'target',
      catch_up: 'catchUp',
    } as const;
    await appendHistory(trx, deps.newId, {
      entity: 'schedule',
      entityId: id,
      action: 'updated',
      actor,
      at,
      changes: Object.fromEntries(
        changed.map((key) => {
          const name = key in field ? field[key as keyof typeof field] : key;
          const pick = (s: Schedule): unknown =>
            name === 'rule'
              ? { rule: s.rule, startsAt: s.startsAt, endsAt: s.endsAt, count: s.count }
              : s[name as keyof Schedule];
          return [name, { from: pick(before), to: pick(after) }];
        }),
      ),
    });
    const { timezone } = await getClient({ db: trx }, before.clientId);
    await rescheduleFromNow(deps, unit, timezone, { scheduleId: id });
    return scheduleFromRow(await loadScheduleRow(trx, id));
  });
}

/**
 * Deletes a schedule and what only it needed (its run ledger, texts supplied ahead). The
 * tasks it made stay, with their source `schedule`, their link to it cleared; the history keeps
 * the schedule's record, its last state in the `deleted` entry.
 */
export async function deleteSchedule(deps: ServiceDeps, id: string, who: Actor): Promise<void> {
  await inTransaction(deps, who, async ({ trx, at, actor }) => {
    const schedule = scheduleFromRow(await loadScheduleRow(trx, id));
    await trx.deleteFrom('schedule_texts').where('schedule_id', '=', id).execute();
    await trx.deleteFrom('schedule_runs').where('schedule_id', '=', id).execute();
    const unlinked = await trx
      .updateTable('tasks')
      .set({ schedule_id: null })
      .where('schedule_id', '=', id)
      .executeTakeFirst();
    await trx.deleteFrom('schedules').where('id', '=', id).execute();
    await appendHistory(trx, deps.newId, {
      entity: 'schedule',
      entityId: id,
      action: 'deleted',
      actor,
      at,
      changes: { ...schedule, tasksUnlinked: Number(unlinked.numUpdatedRows) },
    });
  });
}

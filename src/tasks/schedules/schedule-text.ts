import { sql } from 'kysely';
import { appendHistory } from '../../store/index.js';
import { getClient } from '../clients/clients.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { queuePublish } from '../publishing/publications.js';
import { contentItemFromRow } from '../rows.js';
import { applyTransition } from '../task-list/tasks.js';
import type { Task } from '../types.js';
import { invalid, parseInput } from '../validate.js';
import { scheduleFromRow } from './model.js';
import { scheduleTextSchema, type ScheduleTextInput } from './schemas.js';
import { render, renderBody, variablesFor } from './template.js';
import { localParts } from './zone-time.js';

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
      markdown: renderBody(t, vars),
      excerpt: t.excerpt === undefined ? null : render(t.excerpt, vars),
      updated_at: unit.at,
      // A new version: an editor open on the old one is told instead of overwriting it.
      revision: sql<number>`revision + 1`,
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

import type { ServiceDeps, Unit } from '../context.js';
import { insertContentItem } from '../content-items/items.js';
import { queuePublish } from '../publishing/publications.js';
import { insertTask } from '../task-list/tasks.js';
import type { Client, Task } from '../types.js';
import type { Schedule } from './model.js';
import { needsText, render, renderBody, slugOf, variablesFor } from './template.js';
import { localParts, type WeekdayNamer } from './zone-time.js';

/** What became of one occurrence. */
export type OccurrenceOutcome = 'queued' | 'waiting_text';

/**
 * Turns one occurrence into work, inside `unit`: the template becomes a content item and a
 * publish task. With its text at hand, the task is `scheduled` with one pending publication
 * per site; without it, the task waits for the client (`waiting_client`) and nothing is
 * queued, so an empty post never goes out.
 */
export async function createOccurrenceTask(
  deps: Pick<ServiceDeps, 'newId'>,
  unit: Unit,
  schedule: Schedule,
  client: Client,
  at: number,
  weekdayName?: WeekdayNamer,
): Promise<{ task: Task; outcome: OccurrenceOutcome }> {
  const { date } = localParts(client.timezone, at);
  const textRow = !needsText(schedule.template)
    ? undefined
    : await unit.trx
        .selectFrom('schedule_texts')
        .select('text')
        .where('schedule_id', '=', schedule.id)
        .where('local_date', '=', date)
        .executeTakeFirst();
  const waiting = needsText(schedule.template) && textRow === undefined;
  const vars = variablesFor(client, client.timezone, at, textRow?.text, weekdayName);
  const t = schedule.template;
  const item = await insertContentItem(
    deps,
    unit,
    {
      clientId: client.id,
      kind: t.kind,
      title: render(t.title, vars),
      slug: slugOf(render(t.slug, vars)),
      markdown: renderBody(t, vars),
      excerpt: t.excerpt === undefined ? undefined : render(t.excerpt, vars),
      tags: t.tags,
      categories: [],
      images: [],
      language: t.language ?? client.languages[0],
      ...(schedule.target ? { regionIds: schedule.target.regionIds } : {}),
    },
    { clientChecked: true },
  );
  const dueAt = new Date(at).toISOString();
  if (waiting) {
    const task = await insertTask(
      deps,
      unit,
      {
        kind: 'publish',
        clientId: client.id,
        title: `Publish “${item.title}”`,
        priority: 'normal',
        dueAt,
        source: 'schedule',
        details: { contentItemId: item.id, siteIds: schedule.siteIds },
      },
      { status: 'waiting_client', scheduleId: schedule.id },
    );
    return { task, outcome: 'waiting_text' };
  }
  const { task } = await queuePublish(
    deps,
    unit,
    { contentItemId: item.id, siteIds: schedule.siteIds, dueAt, scheduleId: schedule.id },
    'schedule',
    // The sites were checked against the client when the schedule was made, and neither
    // sites nor clients can change owner or disappear (foreign keys), so the checks are skipped.
    { id: item.id, client_id: client.id, title: item.title },
  );
  return { task, outcome: 'queued' };
}

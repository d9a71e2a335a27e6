import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../src/tasks/index.js';
import { anna, counts, createHarness, seedClient, type Harness } from './helpers.js';

let h: Harness;
let clientId: string;
let siteIds: string[];
let itemId: string;
beforeEach(async () => {
  h = await createHarness();
  const seeded = await seedClient(h.tasks);
  clientId = seeded.client.id;
  siteIds = seeded.sites.map((s) => s.id);
  itemId = (
    await h.tasks.createContentItem(
      { clientId, title: 'Spring menu', slug: 'spring-menu', markdown: 'Soup' },
      anna,
    )
  ).id;
});
afterEach(() => h.close());

describe('requestPublish', () => {
  it('creates a scheduled publish task and one pending publication per site together', async () => {
    const heard: TaskEvent[] = [];
    h.tasks.events.on((e) => heard.push(e));
    const { task, publications } = await h.tasks.requestPublish(
      { contentItemId: itemId, siteIds },
      anna,
    );
    expect(task).toMatchObject({
      kind: 'publish',
      status: 'scheduled',
      title: 'Publish “Spring menu”',
      details: { contentItemId: itemId, siteIds },
    });
    expect(publications.map((p) => [p.siteId, p.state, p.attempts])).toEqual(
      siteIds.map((id) => [id, 'pending', 0]),
    );
    const stored = await h.tasks.getTask(task.id);
    expect(stored.publications).toEqual(publications);
    expect(stored.history.map((e) => `${e.entity}:${e.action}`)).toEqual([
      'task:created',
      'publication:created',
      'publication:created',
    ]);
    expect(heard.map((e) => e.type)).toEqual([
      'task.created',
      'publication.created',
      'publication.created',
    ]);
  });

  it('saves nothing when one of the sites belongs to another client', async () => {
    const other = await seedClient(h.tasks, 'Florist');
    const before = await counts(h.store);
    await expect(
      h.tasks.requestPublish(
        { contentItemId: itemId, siteIds: [siteIds[0]!, other.sites[0]!.id] },
        anna,
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'siteIds.1', message: 'this site belongs to another client' }],
    });
    expect(await counts(h.store)).toEqual(before);
  });

  it('attaches to an existing publish task, moving it to scheduled and adding only new sites', async () => {
    const task = await h.tasks.createTask(
      { kind: 'publish', clientId, details: { contentItemId: itemId, siteIds: [siteIds[0]!] } },
      anna,
    );
    await h.tasks.transitionTask(task.id, 'approved', anna);
    const first = await h.tasks.requestPublish(
      { taskId: task.id, contentItemId: itemId, siteIds: [siteIds[0]!] },
      anna,
    );
    expect(first.task).toMatchObject({ id: task.id, status: 'scheduled' });
    const second = await h.tasks.requestPublish(
      { taskId: task.id, contentItemId: itemId, siteIds },
      anna,
    );
    expect(second.publications.map((p) => p.siteId)).toEqual([siteIds[1]]);
    expect(second.task.details).toEqual({ contentItemId: itemId, siteIds });
    expect(await h.tasks.listPublications({ taskId: task.id })).toHaveLength(2);
  });

  it('cancelling the task cancels the publications that have not gone out', async () => {
    const { task, publications } = await h.tasks.requestPublish(
      { contentItemId: itemId, siteIds },
      anna,
    );
    await h.store.db
      .updateTable('publications')
      .set({ state: 'published' })
      .where('id', '=', publications[0]!.id)
      .execute();
    await h.tasks.transitionTask(task.id, 'cancelled', anna);
    const got = await h.tasks.getTask(task.id);
    expect(got.publications.map((p) => p.state)).toEqual(['published', 'cancelled']);
    expect(got.history.at(-1)).toMatchObject({
      entity: 'publication',
      action: 'cancelled',
      actor: 'anna',
    });
  });

  it('publishes a finished text again on its own task, and refuses a task of another item', async () => {
    const task = await h.tasks.createTask(
      { kind: 'publish', clientId, details: { contentItemId: itemId, siteIds } },
      anna,
    );
    await h.tasks.transitionTask(task.id, 'done', anna);
    // One task per text: publishing it again after an edit continues the same task.
    const again = await h.tasks.requestPublish({ contentItemId: itemId, siteIds }, anna);
    expect(again.task).toMatchObject({ id: task.id, status: 'scheduled' });
    expect(again.publications.map((p) => p.state)).toEqual(['pending', 'pending']);
    const other = await h.tasks.createContentItem(
      { clientId, title: 'B', slug: 'b', markdown: 'B' },
      anna,
    );
    const countsOther = await counts(h.store);
    await expect(
      h.tasks.requestPublish({ taskId: task.id, contentItemId: other.id, siteIds }, anna),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await counts(h.store)).toEqual(countsOther);
  });
});

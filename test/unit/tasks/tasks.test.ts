import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../../src/tasks/index.js';
import { anna, callInput, createHarness, seedClient, type Harness } from './helpers.js';

let h: Harness;
let clientId: string;
let siteIds: string[];
beforeEach(async () => {
  h = await createHarness();
  const seeded = await seedClient(h.tasks);
  clientId = seeded.client.id;
  siteIds = seeded.sites.map((s) => s.id);
});
afterEach(() => h.close());

describe('createTask', () => {
  it('creates each kind open, with a readable title, UTC times and a history entry', async () => {
    const call = await h.tasks.createTask(
      { ...callInput(clientId), dueAt: '2026-03-02T10:00:00+01:00' },
      anna,
    );
    expect(call).toMatchObject({
      kind: 'call',
      status: 'open',
      title: 'Call from Jan Novák (call back)',
      priority: 'normal',
      source: 'manual',
      dueAt: '2026-03-02T09:00:00.000Z',
      version: 1,
    });
    const mail = await h.tasks.createTask(
      {
        kind: 'mail',
        clientId,
        source: 'mail',
        details: { from: 'eva@example.cz', subject: 'Prices', receivedAt: '2026-03-01T20:00:00Z' },
      },
      anna,
    );
    expect(mail).toMatchObject({ title: 'Prices', source: 'mail', details: { body: '' } });
    const edit = await h.tasks.createTask(
      {
        kind: 'site-edit',
        clientId,
        source: 'client',
        details: {
          siteId: siteIds[0],
          request: 'Change the opening hours\nto 7-18',
          attachments: [
            { filename: 'hours.png', contentType: 'image/png', path: 'uploads/hours.png' },
          ],
        },
      },
      anna,
    );
    expect(edit.title).toBe('Change the opening hours');
    const item = await h.tasks.createContentItem(
      { clientId, title: 'Menu', slug: 'menu', markdown: '# Menu' },
      anna,
    );
    const publish = await h.tasks.createTask(
      { kind: 'publish', clientId, details: { contentItemId: item.id, siteIds } },
      anna,
    );
    expect(publish).toMatchObject({ title: 'Publish to 2 sites', contentItemId: item.id });
    const { history } = await h.tasks.getTask(call.id);
    expect(history).toEqual([
      expect.objectContaining({ action: 'created', actor: 'anna', at: '2026-03-02T08:00:00.000Z' }),
    ]);
  });
});

describe('updateTask', () => {
  it('records each changed field with old and new value and bumps the version', async () => {
    const task = await h.tasks.createTask(callInput(clientId), anna);
    await h.clock.advance(60_000);
    const updated = await h.tasks.updateTask(
      task.id,
      { priority: 'urgent', assignee: 'eva', details: { callbackWanted: false } },
      { actor: 'bob' },
    );
    expect(updated).toMatchObject({
      priority: 'urgent',
      assignee: 'eva',
      version: 2,
      details: { callbackWanted: false, caller: 'Jan Novák' },
    });
    const { history } = await h.tasks.getTask(task.id);
    expect(history[1]).toMatchObject({
      actor: 'bob',
      action: 'updated',
      at: '2026-03-02T08:01:00.000Z',
      changes: {
        priority: { from: 'normal', to: 'urgent' },
        assignee: { from: null, to: 'eva' },
        details: { to: { callbackWanted: false } },
      },
    });
    const cleared = await h.tasks.updateTask(task.id, { assignee: null, expectedVersion: 2 }, anna);
    expect(cleared.assignee).toBeNull();
    await expect(
      h.tasks.updateTask(task.id, { title: 'x', expectedVersion: 2 }, anna),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('writes nothing when nothing changes', async () => {
    const task = await h.tasks.createTask(callInput(clientId), anna);
    await h.tasks.updateTask(task.id, { priority: 'normal' }, anna);
    expect((await h.tasks.getTask(task.id)).history).toHaveLength(1);
    await expect(
      h.tasks.updateTask('01ARZ3NDEKTSV4RRFFQ69G5FAV', { title: 'x' }, anna),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

// Code-unit order, as SQLite compares text (localeCompare would put '~' before digits).
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe('listTasks', () => {
  async function seedMany(): Promise<string[]> {
    const other = (await seedClient(h.tasks, 'Florist')).client.id;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const due =
        i % 3 === 0
          ? undefined
          : new Date(Date.UTC(2026, 2, 10) + ((i * 7) % 30) * 3_600_000).toISOString();
      const task = await h.tasks.createTask(
        { ...callInput(i % 2 ? clientId : other), dueAt: due },
        anna,
      );
      if (i % 5 === 0) await h.tasks.transitionTask(task.id, 'in_progress', anna);
      ids.push(task.id);
    }
    return ids;
  }

  it('pages newest first by keyset without gaps or repeats', async () => {
    const ids = await seedMany();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.tasks.listTasks({ limit: 7, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const offsetPage = await h.tasks.listTasks({ limit: 5, offset: 5 });
    expect(offsetPage.items.map((t) => t.id)).toEqual([...ids].reverse().slice(5, 10));
  });

  it('orders by due time with undated tasks last, by keyset and by offset alike', async () => {
    await seedMany();
    const all = (await h.tasks.listTasks({ limit: 500 })).items;
    const expected = [...all]
      .sort((a, b) => cmp(a.dueAt ?? '~', b.dueAt ?? '~') || cmp(a.id, b.id))
      .map((t) => t.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.tasks.listTasks({ order: 'due', limit: 4, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    const byOffset = await h.tasks.listTasks({ order: 'due', limit: 6, offset: 18 });
    expect(byOffset.items.map((t) => t.id)).toEqual(expected.slice(18, 24));
  });

  it('pages several statuses at once in id order, by keyset and offset', async () => {
    await seedMany();
    const all = (await h.tasks.listTasks({ limit: 500 })).items;
    await h.tasks.transitionTask(all[3]!.id, 'waiting_client', anna);
    const wanted = (await h.tasks.listTasks({ limit: 500 })).items
      .filter((t) => t.status === 'open' || t.status === 'waiting_client')
      .map((t) => t.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.tasks.listTasks({
        status: ['waiting_client', 'open'],
        limit: 4,
        cursor,
      });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(wanted);
    const byOffset = await h.tasks.listTasks({
      status: ['open', 'waiting_client'],
      limit: 5,
      offset: 3,
    });
    expect(byOffset.items.map((t) => t.id)).toEqual(wanted.slice(3, 8));
  });

  it('filters by client, kind, status and due range', async () => {
    await seedMany();
    const all = (await h.tasks.listTasks({ limit: 500 })).items;
    const mine = await h.tasks.listTasks({ clientId, limit: 500 });
    expect(mine.items.map((t) => t.id)).toEqual(
      all.filter((t) => t.clientId === clientId).map((t) => t.id),
    );
    const busy = await h.tasks.listTasks({ status: ['in_progress'], kind: 'call', limit: 500 });
    expect(busy.items).toHaveLength(6);
    expect(await h.tasks.listTasks({ kind: ['mail', 'publish'] })).toEqual({ items: [] });
    const window = await h.tasks.listTasks({
      dueFrom: '2026-03-10T05:00:00Z',
      dueTo: '2026-03-10T12:00:00Z',
      limit: 500,
    });
    expect(window.items.length).toBeGreaterThan(0);
    expect(window.items).toEqual(
      all.filter(
        (t) =>
          t.dueAt && t.dueAt >= '2026-03-10T05:00:00.000Z' && t.dueAt < '2026-03-10T12:00:00.000Z',
      ),
    );
  });
});

describe('events', () => {
  it('tells listeners and streams about committed changes only', async () => {
    const heard: TaskEvent[] = [];
    const stop = h.tasks.events.on((e) => heard.push(e));
    const controller = new AbortController();
    const stream = h.tasks.events.stream(controller.signal);
    const task = await h.tasks.createTask(callInput(clientId), anna);
    await h.tasks.transitionTask(task.id, 'in_progress', anna);
    await expect(
      h.tasks.transitionTask(task.id, 'cancelled', { actor: 'anna', expectedVersion: 1 }),
    ).rejects.toThrow();
    await expect(
      h.tasks.createTask({ ...callInput('01ARZ3NDEKTSV4RRFFQ69G5FAV') }, anna),
    ).rejects.toThrow();
    stop();
    await h.tasks.updateTask(task.id, { title: 'Later' }, anna);
    expect(heard.map((e) => e.type)).toEqual(['task.created', 'task.status']);
    const streamed: string[] = [];
    for await (const event of stream) {
      streamed.push(event.type);
      if (streamed.length === 3) controller.abort();
    }
    expect(streamed).toEqual(['task.created', 'task.status', 'task.updated']);
  });

  it('keeps going when a listener throws', async () => {
    const errors: unknown[] = [];
    const { createTaskEvents } = await import('../../../src/tasks/index.js');
    const events = createTaskEvents((e) => errors.push(e));
    const heard: string[] = [];
    events.on(() => {
      throw new Error('bad listener');
    });
    events.on((e) => heard.push(e.type));
    const task = await h.tasks.createTask(callInput(clientId), anna);
    events.emit({ type: 'task.created', task, actor: 'anna' });
    expect(heard).toEqual(['task.created']);
    expect(errors).toHaveLength(1);
  });
});

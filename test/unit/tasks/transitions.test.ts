import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  canTransition,
  taskStatuses,
  transitions,
  type TaskStatus,
} from '../../../src/tasks/index.js';
import { anna, callInput, createHarness, seedClient, type Harness } from './helpers.js';

// The shortest path from `open` to every status, walking the table itself.
function pathTo(target: TaskStatus): TaskStatus[] {
  const previous = new Map<TaskStatus, TaskStatus | null>([['open', null]]);
  const queue: TaskStatus[] = ['open'];
  while (queue.length) {
    const at = queue.shift() as TaskStatus;
    for (const next of transitions[at]) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  const path: TaskStatus[] = [];
  for (let s: TaskStatus | null | undefined = target; s && s !== 'open'; s = previous.get(s))
    path.unshift(s);
  return path;
}

describe('the transition table', () => {
  it('lets every status be reached from open and keeps done final', () => {
    for (const status of taskStatuses) {
      if (status !== 'open') expect(pathTo(status).at(-1)).toBe(status);
    }
    expect(transitions.done).toEqual([]);
    expect(canTransition('open', 'open')).toBe(false);
    expect(canTransition('cancelled', 'done')).toBe(false);
    expect(canTransition('scheduled', 'done')).toBe(true);
  });
});

describe('transitionTask, all 64 pairs', () => {
  let h: Harness;
  let clientId: string;
  beforeEach(async () => {
    h = await createHarness();
    clientId = (await seedClient(h.tasks)).client.id;
  });
  afterEach(() => h.close());

  it('allows exactly the pairs of the table, with one history entry each', async () => {
    for (const from of taskStatuses) {
      for (const to of taskStatuses) {
        const task = await h.tasks.createTask(callInput(clientId), anna);
        for (const step of pathTo(from)) await h.tasks.transitionTask(task.id, step, anna);
        const before = await h.tasks.getTask(task.id);
        expect(before.task.status).toBe(from);
        const attempt = h.tasks.transitionTask(task.id, to, {
          actor: 'bob',
          note: `${from} to ${to}`,
        });
        if (transitions[from].includes(to)) {
          const after = await attempt;
          expect(after.status).toBe(to);
          expect(after.version).toBe(before.task.version + 1);
          const { history } = await h.tasks.getTask(task.id);
          expect(history).toHaveLength(before.history.length + 1);
          expect(history.at(-1)).toMatchObject({
            actor: 'bob',
            action: `status:${from}->${to}`,
            changes: { status: { from, to }, note: `${from} to ${to}` },
          });
        } else {
          await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
          const after = await h.tasks.getTask(task.id);
          expect(after.task.status).toBe(from);
          expect(after.history).toHaveLength(before.history.length);
        }
      }
    }
  });

  it('names the allowed next statuses when refusing', async () => {
    const task = await h.tasks.createTask(callInput(clientId), anna);
    await h.tasks.transitionTask(task.id, 'done', anna);
    await expect(h.tasks.transitionTask(task.id, 'open', anna)).rejects.toThrow(
      /cannot go from done to open; from done it can go to nothing \(it is final\)/,
    );
    const other = await h.tasks.createTask(callInput(clientId), anna);
    await h.tasks.transitionTask(other.id, 'cancelled', anna);
    await expect(h.tasks.transitionTask(other.id, 'done', anna)).rejects.toThrow(
      /it can go to open/,
    );
  });

  it('refuses a change made on an old version and an unknown status', async () => {
    const task = await h.tasks.createTask(callInput(clientId), anna);
    await h.tasks.transitionTask(task.id, 'in_progress', anna);
    await expect(
      h.tasks.transitionTask(task.id, 'done', { actor: 'anna', expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('changed by someone else'),
    });
    await expect(
      h.tasks.transitionTask(task.id, 'finished' as TaskStatus, anna),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path: 'to' })],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { createQueryKeys } from '../../../src/server/fast-lane/query-keys.js';
import { taskListKey, taskListQuery } from '../../../src/server/routes/tasks.js';

describe('query keys of the fast lane', () => {
  const keys = () => createQueryKeys(taskListQuery, taskListKey);

  it('gives the key the route handler uses, the same for the same question in other words', () => {
    const k = keys();
    const parsed = taskListQuery.parse({ status: 'open,done', limit: '5' });
    expect(k.of('status=open,done&limit=5')).toBe(taskListKey(parsed));
    expect(k.of('limit=5&status=open&status=done')).toBe(taskListKey(parsed));
    expect(k.of('')).toBe('{}');
  });

  it('gives no key for what the route would refuse', () => {
    const k = keys();
    for (const raw of [
      'limit=0',
      'colour=red',
      '__proto__=x',
      'constructor=x',
      'limit=5&limit=6',
      'status=lost',
      'order=due#frag',
      'assignee=a b',
    ])
      expect(k.of(raw), raw).toBeUndefined();
  });

  it('remembers at most `max` strings and never a long one, yet still answers them', () => {
    let parses = 0;
    const k = createQueryKeys(
      taskListQuery,
      (q) => {
        parses++;
        return taskListKey(q);
      },
      { max: 2, maxLength: 20 },
    );
    k.of('limit=1');
    k.of('limit=1');
    expect(parses).toBe(1);
    const long = `assignee=${'x'.repeat(40)}`;
    expect(k.of(long)).toBe(`{"assignee":"${'x'.repeat(40)}"}`);
    expect(k.of(long)).toBeDefined();
    expect(parses).toBe(3);
    // A third short string starts the memory over: limit=1 is parsed again afterwards.
    k.of('limit=2');
    k.of('limit=3');
    k.of('limit=1');
    expect(parses).toBe(6);
  });
});

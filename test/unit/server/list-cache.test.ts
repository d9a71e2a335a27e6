import { describe, expect, it } from 'vitest';
import { createListCache } from '../../../src/server/list-cache.js';

describe('task-list cache', () => {
  it('serves the same bytes while the version stays, and reads again once it moves', async () => {
    let version: string | undefined = '1.0';
    let reads = 0;
    const cache = createListCache(() => version);
    const produce = async () => ({ items: [{ n: ++reads }] });
    const first = await cache.get('q', produce);
    expect(JSON.parse(first.toString('utf8'))).toEqual({ items: [{ n: 1 }] });
    expect(await cache.get('q', produce)).toBe(first);
    expect(reads).toBe(1);
    version = '1.1';
    expect(JSON.parse((await cache.get('q', produce)).toString('utf8'))).toEqual({
      items: [{ n: 2 }],
    });
    // No version (inside a transaction): read every time, keep nothing.
    version = undefined;
    await cache.get('q', produce);
    await cache.get('q', produce);
    expect(reads).toBe(4);
  });

  it('shares one read among concurrent misses and forgets a failed read', async () => {
    let reads = 0;
    const cache = createListCache(() => '7.7');
    const slow = () => new Promise((resolve) => setTimeout(() => resolve({ n: ++reads }), 5));
    const [a, b] = await Promise.all([cache.get('k', slow), cache.get('k', slow)]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    await expect(cache.get('bad', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('bad', async () => ({ ok: true }))).toString('utf8')).toBe(
      '{"ok":true}',
    );
  });

  it('peeks at a kept page without reading, and never past a change of version', async () => {
    let version: string | undefined = '3.0';
    let reads = 0;
    const cache = createListCache(() => version);
    expect(cache.peek('q')).toBeUndefined();
    expect(reads).toBe(0);
    const read = cache.get('q', async () => ({ n: ++reads }));
    // A page being read is shared with whoever peeks meanwhile.
    expect(cache.peek('q')).toBe(read);
    expect((await cache.peek('q'))?.toString('utf8')).toBe('{"n":1}');
    version = '3.1';
    expect(cache.peek('q')).toBeUndefined();
    version = undefined;
    await cache.get('q', async () => ({ n: ++reads }));
    expect(cache.peek('q')).toBeUndefined();
    expect(reads).toBe(2);
  });
});

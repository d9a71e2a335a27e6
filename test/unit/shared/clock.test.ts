import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../src/shared/clock.js';

describe('fake clock', () => {
  it('wakes sleepers in time order only when time is advanced', async () => {
    const clock = createFakeClock(1_000);
    const woke: string[] = [];
    void clock.sleep(500).then(() => woke.push('b'));
    void clock.sleep(100).then(() => woke.push('a'));
    await clock.advance(99);
    expect(woke).toEqual([]);
    expect(clock.pending()).toBe(2);
    await clock.advance(1);
    expect(woke).toEqual(['a']);
    await clock.advance(400);
    expect(woke).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1_500);
  });

  it('never goes backwards', async () => {
    const clock = createFakeClock(5_000);
    await clock.set(1_000);
    expect(clock.now()).toBe(5_000);
  });
});

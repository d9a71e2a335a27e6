import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../../src/shared/clock.js';
import { createWaker } from '../../../../src/connectors/mail/waker.js';

describe('waker', () => {
  it('ends a pause at its time, or early on wake, and keeps a wake that came between pauses', async () => {
    const clock = createFakeClock();
    const waker = createWaker(clock);
    let done = false;
    const timed = waker.pause(1_000).then(() => (done = true));
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    await timed;
    expect(done).toBe(true);

    const start = clock.now();
    const woken = waker.pause(60_000);
    waker.wake();
    await woken;
    expect(clock.now()).toBe(start);

    waker.wake(); // nobody waiting: the next pause returns at once
    await waker.pause(60_000);
    // …but only once: a later pause waits again, and the stale timer of the woken pause
    // does not end it.
    let later = false;
    const next = waker.pause(60_000).then(() => (later = true));
    await clock.advance(59_999);
    expect(later).toBe(false);
    await clock.advance(1);
    await next;
    expect(later).toBe(true);
  });
});

/** The pass loop of the background workers (src/shared/pass-loop.ts). */
import { describe, expect, it } from 'vitest';
import { createPassLoop } from '../../../src/shared/pass-loop.js';

describe('createPassLoop', () => {
  it('never runs two passes at once, goes on after a failed pass, and stop waits for the running one', async () => {
    let running = 0;
    let most = 0;
    let passes = 0;
    const errors: unknown[] = [];
    const loop = createPassLoop(
      async () => {
        running++;
        most = Math.max(most, running);
        passes++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        if (passes === 2) throw new Error('pass two fails');
        return passes;
      },
      { intervalMs: 5, onError: (err) => errors.push(err) },
    );
    loop.start();
    loop.start(); // a second start does nothing
    loop.wake();
    await expect(loop.runOnce()).resolves.toBeGreaterThan(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await loop.stop();
    const after = passes;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(most).toBe(1);
    expect(errors).toHaveLength(1);
    expect(passes).toBe(after); // nothing runs after stop()
    expect(running).toBe(0);
  });
});

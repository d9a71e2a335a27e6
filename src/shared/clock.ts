/**
 * Time is injected: code asks a Clock instead of calling Date.now(), so schedules and
 * backoff are tested with a fake clock, never with sleeps.
 */
export interface Clock {
  /** Current time in milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock for tests: time moves only when `advance` is called; sleepers wake in order. */
export interface FakeClock extends Clock {
  /** Moves time forward by `ms` and wakes every sleeper whose time has come. */
  advance(ms: number): Promise<void>;
  /** Sets the time (never backwards). */
  set(epochMs: number): Promise<void>;
  /** How many sleepers are waiting. */
  pending(): number;
}

/** A fake clock starting at `startMs` (default 2026-01-01T00:00:00Z). */
export function createFakeClock(startMs = Date.UTC(2026, 0, 1)): FakeClock {
  let current = startMs;
  let sleepers: { at: number; wake: () => void }[] = [];

  const release = async (): Promise<void> => {
    const due = sleepers.filter((s) => s.at <= current).sort((a, b) => a.at - b.at);
    sleepers = sleepers.filter((s) => s.at > current);
    for (const sleeper of due) sleeper.wake();
    // Let woken code run before the caller continues.
    await new Promise((resolve) => setImmediate(resolve));
  };

  return {
    now: () => current,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        sleepers.push({ at: current + Math.max(0, ms), wake: resolve });
      }),
    advance: async (ms) => {
      current += ms;
      await release();
    },
    set: async (epochMs) => {
      current = Math.max(current, epochMs);
      await release();
    },
    pending: () => sleepers.length,
  };
}

import type { Clock } from '../shared/clock.js';

/**
 * The real clock, except that once `signal` aborts its sleeps no longer keep the process
 * alive: the runner's and the scheduler's idle sleeps (up to a minute) would otherwise hold
 * `sitedesk run` open long after Ctrl-C. Sleeps still end on time while other work (a publish
 * finishing its requests) keeps the process running.
 */
export function createStoppableClock(signal: AbortSignal): Clock {
  const timers = new Set<NodeJS.Timeout>();
  signal.addEventListener(
    'abort',
    () => {
      for (const timer of timers) timer.unref();
    },
    { once: true },
  );
  return {
    now: () => Date.now(),
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        if (signal.aborted) timer.unref();
        else timers.add(timer);
      }),
  };
}

/**
 * The loop of a background worker that works in passes (the mail outbox, the meeting outbox):
 * passes never overlap (a pass asked for while one runs starts after it), the next pass starts
 * `intervalMs` after the last one ended, `wake()` asks for one now, and `stop()` waits for the
 * running pass. A failed pass is logged and the loop goes on.
 */
export interface PassLoop {
  /** One pass now (after the running one, if any); answers what the pass answered. */
  runOnce(): Promise<number>;
  /** Runs passes until stop(); a second start() does nothing. */
  start(): void;
  /** One pass now, if started. */
  wake(): void;
  stop(): Promise<void>;
}

export function createPassLoop(
  runPass: () => Promise<number>,
  options: { intervalMs: number; onError: (err: unknown) => void },
): PassLoop {
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<number> = Promise.resolve(0);
  let stopped = true;
  const loop: PassLoop = {
    runOnce() {
      const next = pass.then(runPass, runPass);
      pass = next.catch(() => 0);
      return next;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      const tick = (): void => {
        loop
          .runOnce()
          .catch(options.onError)
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, options.intervalMs);
          });
      };
      tick();
    },
    wake() {
      if (stopped) return;
      loop.runOnce().catch(options.onError);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
  };
  return loop;
}

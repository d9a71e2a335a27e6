/**
 * A pause that something else can end early: the intake waits between checks, and new mail
 * (IDLE's EXISTS), a closed connection or stop() ends the wait at once.
 */
import type { Clock } from '../../shared/clock.js';

/** Pauses on the clock; `wake()` ends the current pause, or the next one if none is running. */
export interface Waker {
  pause(ms: number): Promise<void>;
  wake(): void;
}

/** Creates a waker on `clock`. */
export function createWaker(clock: Clock): Waker {
  // A wake-up that arrives while no pause is waiting (mail during a drain) is kept for the next.
  let woken = false;
  let resumeCurrent: (() => void) | undefined;
  return {
    wake() {
      woken = true;
      resumeCurrent?.();
    },
    pause(ms) {
      return new Promise<void>((resolve) => {
        if (woken) {
          woken = false;
          resolve();
          return;
        }
        const resume = (): void => {
          if (resumeCurrent !== resume) return; // already resumed (woken, then the timer fired)
          resumeCurrent = undefined;
          woken = false;
          resolve();
        };
        resumeCurrent = resume;
        void clock.sleep(ms).then(resume);
      });
    },
  };
}

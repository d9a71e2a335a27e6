/**
 * The health of a mailbox connection, for `sitedesk doctor` and Today: a mailbox that stops
 * answering must show, never die silently (issue 9: n8n's IMAP trigger is the counter-example).
 */
import type { Clock } from '../../shared/clock.js';

/** `starting` until the first successful check. */
export type MailboxHealthState = 'starting' | 'healthy' | 'unhealthy';

/** What the doctor shows about one mailbox. */
export interface MailboxHealth {
  state: MailboxHealthState;
  /** Since when (epoch ms) the state holds. */
  since: number;
  /** Why it is unhealthy, in words ("connection closed", "no answer within 15 s"). */
  reason: string | undefined;
  /** Last time the server answered (epoch ms). */
  lastOkAt: number | undefined;
  /** Whether the server pushes new mail (IDLE) or is polled. */
  push: boolean | undefined;
  /**
   * Set while taking a message fails on sitedesk's side (the task store refused it): the
   * mailbox answers, but mail is not coming in. Cleared when a message is taken again.
   */
  intakeError: string | undefined;
}

/** A health record that reports each change of state once. */
export interface HealthTracker {
  get(): MailboxHealth;
  ok(push: boolean): void;
  fail(reason: string): void;
  /** Records (or with undefined clears) a failure to take a message. */
  intakeError(reason: string | undefined): void;
}

/** Creates a tracker; `onChange` is called on every change of state (not on every check). */
export function createHealthTracker(
  clock: Clock,
  onChange: (health: MailboxHealth) => void = () => {},
): HealthTracker {
  let health: MailboxHealth = {
    state: 'starting',
    since: clock.now(),
    reason: undefined,
    lastOkAt: undefined,
    push: undefined,
    intakeError: undefined,
  };
  return {
    get: () => ({ ...health }),
    ok(push) {
      const now = clock.now();
      const changed = health.state !== 'healthy';
      health = {
        ...health,
        state: 'healthy',
        since: changed ? now : health.since,
        reason: undefined,
        lastOkAt: now,
        push,
      };
      if (changed) onChange({ ...health });
    },
    fail(reason) {
      const changed = health.state !== 'unhealthy' || health.reason !== reason;
      const since = health.state === 'unhealthy' ? health.since : clock.now();
      health = { ...health, state: 'unhealthy', since, reason };
      if (changed) onChange({ ...health });
    },
    intakeError(reason) {
      const changed = health.intakeError !== reason;
      health = { ...health, intakeError: reason };
      if (changed) onChange({ ...health });
    },
  };
}

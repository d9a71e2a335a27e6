/**
 * The mail intake of every configured mailbox: each new message becomes one `mail` task
 * (takeMail), urgent ones are forwarded through the outbox at once, and each mailbox's health is
 * kept live here and written to the database for `sitedesk doctor` and other processes.
 */
import {
  createMailIntake,
  type IntakeOptions,
  type MailIntake,
  type MailboxHealth,
} from '../../connectors/mail/index.js';
import type { MailContext } from './context.js';
import { listMailboxes, type Mailbox } from './mailboxes.js';
import { recordHealth } from './intake-heartbeat.js';
import { newOwnerId } from '../publishing/runner/leases.js';
import { checkpointStore, takeMail } from './take.js';
import { createMailOutbox, forwardPending, type MailOutbox } from './outbox.js';
import type { IntakeLocks } from '../queue/mailbox-locks.js';

export type { IntakeLocks };

/** One mailbox's health as Today and doctor show it. */
export interface MailboxHealthLine {
  mailboxId: string;
  clientId: string;
  address: string;
  /** `healthy`, `unhealthy`, `starting`, `archived`, or `not running` (no running intake in any process has a fresh heartbeat; why is in `reason`). */
  state: string;
  reason?: string;
  /** ISO-8601: since when the state holds. */
  since?: string;
  push?: boolean;
  intakeError?: string;
}

/** The running intakes. */
export interface MailIntakeService {
  /**
   * Makes the running intakes match the database: starts new mailboxes, restarts changed ones
   * (settings, client, routes), stops removed and archived ones. Calls never overlap.
   */
  sync(): Promise<void>;
  /** Stops every intake and closes the senders. */
  stop(): Promise<void>;
  /** Health of every mailbox: live for running intakes, else the last one recorded. */
  health(): Promise<MailboxHealthLine[]>;
  /** Asks one mailbox (or all) to look for new mail now. */
  wake(mailboxId?: string): void;
}

/**
 * Creates the intake service; nothing runs until sync(), which also starts `outbox`. With
 * `locks`, sync() starts only the intakes of mailboxes this instance holds (and takes over
 * those whose holder died).
 */
export function createMailIntakeService(
  ctx: MailContext,
  options: IntakeOptions = {},
  outbox: MailOutbox = createMailOutbox(ctx),
  locks?: IntakeLocks,
): MailIntakeService {
  const running = new Map<string, { intake: MailIntake; mailbox: Mailbox; key: string }>();
  // The heartbeat: who reads the mailboxes and how often it says so (intake-heartbeat.ts).
  const self = newOwnerId();
  const everyMs = options.healthIntervalMs ?? 30_000;
  let beating: NodeJS.Timeout | undefined;
  const beatOne = (id: string, health: MailboxHealth): Promise<void> =>
    recordHealth(ctx.deps, id, health, { owner: self, everyMs }).catch((err: unknown) =>
      ctx.logger.error({ err, mailbox: id }, 'recording mailbox health failed'),
    );
  const beatAll = (): Promise<unknown> =>
    Promise.all([...running].map(([id, { intake }]) => beatOne(id, intake.health())));
  let swept = false;
  let syncing: Promise<void> = Promise.resolve();

  const start = (mailbox: Mailbox): void => {
    const intake = createMailIntake(
      mailbox.settings,
      { ...options, startFrom: mailbox.startFrom },
      {
        secrets: ctx.secrets,
        logger: ctx.logger,
        clock: ctx.deps.clock,
        checkpoints: checkpointStore(ctx, mailbox.id, mailbox.settings.inbox),
        onMessage: async (mail) => {
          const taken = await takeMail(ctx, mailbox, mail);
          if (taken.outcome === 'created' && taken.urgent) outbox.wake();
        },
        onHealth: (health: MailboxHealth) => void beatOne(mailbox.id, health),
      },
    );
    running.set(mailbox.id, { intake, mailbox, key: intakeKey(mailbox) });
    intake.start();
    void beatOne(mailbox.id, intake.health());
  };

  /** Stops the intakes of `ids` and records why, so doctor and Today do not show them healthy. */
  const stopSome = async (ids: string[], reason: string): Promise<void> => {
    const intakes = ids.flatMap((id) => running.get(id)?.intake ?? []);
    for (const id of ids) running.delete(id);
    await Promise.all(intakes.map((intake) => intake.stop()));
    // Only now may another instance read them: never two intakes of one mailbox at once.
    if (locks) await Promise.all(ids.map((id) => locks.release(id)));
    if (ids.length)
      await ctx.deps.db
        .updateTable('mailboxes')
        .set({
          health_state: 'stopped',
          health_reason: reason,
          health_since: new Date(ctx.deps.clock.now()).toISOString(),
        })
        .where('id', 'in', ids)
        .execute();
  };

  const syncOnce = async (): Promise<void> => {
    if (!swept) {
      swept = true;
      await forwardPending(ctx);
    }
    outbox.start();
    if (!beating) {
      beating = setInterval(() => void beatAll(), everyMs);
      beating.unref();
    }
    const wanted = new Map(
      (await listMailboxes(ctx.deps)).filter((m) => !m.archivedAt).map((m) => [m.id, m]),
    );
    const gone = [...running.keys()].filter((id) => !wanted.has(id));
    await stopSome(gone, 'the mailbox was removed or archived');
    for (const mailbox of wanted.values()) {
      const current = running.get(mailbox.id);
      if (current && current.key === intakeKey(mailbox)) continue;
      if (current) {
        // Changed settings, client or routes: the old intake's connection and rules are stale.
        running.delete(mailbox.id);
        await current.intake.stop();
      } else if (locks && !(await locks.take(mailbox.id))) continue; // another instance reads it
      start(mailbox);
    }
  };
  // The holds went with their connection: another instance may read these mailboxes already.
  locks?.onLost(() => {
    const held = [...running.keys()];
    void stopSome(held, 'this instance lost its hold on the mailbox; another one reads it').catch(
      (err: unknown) => ctx.logger.error({ err }, 'stopping intakes failed'),
    );
  });

  return {
    sync() {
      const next = syncing.then(syncOnce);
      syncing = next.catch(() => undefined);
      return next;
    },
    async stop() {
      await syncing;
      clearInterval(beating);
      beating = undefined;
      // Otherwise doctor would read the last live state ("healthy") long after the intake ended.
      await stopSome([...running.keys()], 'the intake was stopped (sitedesk serve is not running)');
      await outbox.stop();
      ctx.closeSenders();
    },
    async health() {
      return (await listMailboxes(ctx.deps)).map((mailbox) => {
        const line: MailboxHealthLine = {
          mailboxId: mailbox.id,
          clientId: mailbox.clientId,
          address: mailbox.settings.address,
          state: 'not running',
        };
        if (mailbox.archivedAt) return { ...line, state: 'archived', since: mailbox.archivedAt };
        const live = running.get(mailbox.id)?.intake.health();
        if (live) {
          line.state = live.state;
          line.since = new Date(live.since).toISOString();
          if (live.reason) line.reason = live.reason;
          if (live.push !== undefined) line.push = live.push;
          if (live.intakeError) line.intakeError = live.intakeError;
        } else {
          // Another process's intake while its heartbeat is fresh, else `not running`.
          line.state = mailbox.health.state;
          if (mailbox.health.reason) line.reason = mailbox.health.reason;
          if (mailbox.health.since) line.since = mailbox.health.since;
        }
        return line;
      });
    },
    wake(mailboxId) {
      for (const [id, { intake }] of running) if (!mailboxId || id === mailboxId) intake.wake();
    },
  };
}

/** What an intake depends on: a change of any of it needs a new intake. */
function intakeKey(mailbox: Mailbox): string {
  return JSON.stringify([mailbox.clientId, mailbox.settings, mailbox.routes, mailbox.startFrom]);
}

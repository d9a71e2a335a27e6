/**
 * The mail intake of every configured mailbox: each new message becomes one `mail` task
 * (takeMail), urgent ones are forwarded at once (forwardUrgent), and each mailbox's health is
 * kept live here and written to the database for `sitedesk doctor` and other processes.
 */
import {
  createMailIntake,
  type IntakeOptions,
  type MailIntake,
  type MailboxHealth,
} from '../../connectors/mail/index.js';
import type { MailContext } from './context.js';
import { listMailboxes, recordHealth, type Mailbox } from './mailboxes.js';
import { checkpointStore, takeMail } from './take.js';
import { mailDb } from './tables.js';
import { forwardPending, forwardUrgent } from './urgent.js';

/** One mailbox's health as Today and doctor show it. */
export interface MailboxHealthLine {
  mailboxId: string;
  clientId: string;
  address: string;
  /** `healthy`, `unhealthy`, `starting`, or `not running` (no intake in this process: the last recorded state is in `reason`). */
  state: string;
  reason?: string;
  /** ISO-8601: since when the state holds. */
  since?: string;
  push?: boolean;
  intakeError?: string;
}

/** The running intakes. */
export interface MailIntakeService {
  /** Starts an intake for every mailbox not yet running (call again after adding one). */
  sync(): Promise<void>;
  /** Stops every intake and closes the senders. */
  stop(): Promise<void>;
  /** Health of every mailbox: live for running intakes, else the last one recorded. */
  health(): Promise<MailboxHealthLine[]>;
  /** Asks one mailbox (or all) to look for new mail now. */
  wake(mailboxId?: string): void;
}

/** Creates the intake service; nothing runs until sync(). */
export function createMailIntakeService(
  ctx: MailContext,
  options: IntakeOptions = {},
): MailIntakeService {
  const running = new Map<string, { intake: MailIntake; mailbox: Mailbox }>();
  let swept = false;

  const start = (mailbox: Mailbox): void => {
    const log = ctx.logger.child({ mailbox: mailbox.id });
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
          if (taken.outcome === 'created' && taken.urgent) await forwardUrgent(ctx, taken.task);
        },
        onHealth: (health: MailboxHealth) => {
          recordHealth(ctx.deps, mailbox.id, health).catch((err: unknown) =>
            log.error({ err }, 'recording mailbox health failed'),
          );
        },
      },
    );
    running.set(mailbox.id, { intake, mailbox });
    intake.start();
  };

  return {
    async sync() {
      if (!swept) {
        swept = true;
        await forwardPending(ctx);
      }
      for (const mailbox of await listMailboxes(ctx.deps)) {
        if (!running.has(mailbox.id)) start(mailbox);
      }
    },
    async stop() {
      await Promise.all([...running.values()].map(({ intake }) => intake.stop()));
      // Otherwise doctor would read the last live state ("healthy") long after the intake ended.
      const ids = [...running.keys()];
      running.clear();
      if (ids.length)
        await mailDb(ctx.deps.db)
          .updateTable('mailboxes')
          .set({
            health_state: 'stopped',
            health_reason: 'the intake was stopped (sitedesk serve is not running)',
            health_since: new Date(ctx.deps.clock.now()).toISOString(),
          })
          .where('id', 'in', ids)
          .execute();
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
        const live = running.get(mailbox.id)?.intake.health();
        if (live) {
          line.state = live.state;
          line.since = new Date(live.since).toISOString();
          if (live.reason) line.reason = live.reason;
          if (live.push !== undefined) line.push = live.push;
          if (live.intakeError) line.intakeError = live.intakeError;
        } else {
          line.reason = `not running in this process; last recorded: ${mailbox.health.state}${mailbox.health.reason ? ` (${mailbox.health.reason})` : ''}`;
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

/**
 * Mail intake: takes every new message of a mailbox folder exactly once and hands it to the
 * caller (src/tasks turns it into a `mail` task). "Exactly once" rests on IMAP's UID and
 * UIDVALIDITY (RFC 3501 §2.3.1.1): the caller keeps a checkpoint `{uidValidity, lastUid}`;
 * a message is handed over, then the checkpoint moves past it. The message carries its
 * `uidValidity`/`uid`, so a caller that stores the task and the checkpoint in one transaction
 * (or keys tasks by them) gets exactly once even if it dies between the two steps.
 *
 * New mail is pushed with IDLE where the server has it and polled otherwise; a check runs at
 * least every `healthIntervalMs / 2`, so a server that stops answering turns the health
 * `unhealthy` within `healthIntervalMs`; a dropped connection is reconnected with backoff.
 */
import type { ImapFlow } from 'imapflow';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { SecretStore } from '../../secrets/types.js';
import { messageOf } from '../../shared/errors.js';
import { MailError } from './errors.js';
import { createHealthTracker, type MailboxHealth } from './health.js';
import { connectImap, imapLabel, withTimeout } from './imap-connect.js';
import { parseMail, type ParsedMail } from './parse.js';
import type { MailboxSettings } from './settings.js';
import { createWaker } from './waker.js';

/** Least time one message may take to download, in ms. */
const FETCH_TIMEOUT_MS = 120_000;

/** Where the intake got to in one folder. `uidValidity` is a decimal string (it is a 32-bit unsigned value). */
export interface Checkpoint {
  uidValidity: string;
  lastUid: number;
}

/** Durable storage of the checkpoint, supplied by the caller (one per mailbox folder). */
export interface CheckpointStore {
  load(): Promise<Checkpoint | undefined>;
  save(checkpoint: Checkpoint): Promise<void>;
}

/** A message taken from a mailbox. */
export interface IncomingMail extends ParsedMail {
  mailboxId: string;
  folder: string;
  uidValidity: string;
  uid: number;
  /** The message as received, for keeping or forwarding unchanged. */
  raw: Buffer;
}

/** Intake timing; every value in milliseconds. */
export interface IntakeOptions {
  /**
   * A dead server shows as unhealthy within this time. Default 30 000. The folder is checked
   * every half of it (which is also how often a server without IDLE is polled).
   */
  healthIntervalMs?: number;
  /** Polls a server without IDLE more often than every `healthIntervalMs / 2`. Default: not more often. */
  pollIntervalMs?: number;
  /** First reconnect delay, doubled per failure. Default 1 000. */
  backoffInitialMs?: number;
  /** Longest reconnect delay. Default 300 000. */
  backoffMaxMs?: number;
  /**
   * Without a checkpoint: `all` takes what is already in the folder, `new` only what arrives
   * from now on (for an existing mailbox full of old mail). Default `all`.
   */
  startFrom?: 'all' | 'new';
}

/** What the intake needs from outside. */
export interface IntakeDeps {
  secrets: SecretStore;
  logger: Logger;
  clock: Clock;
  checkpoints: CheckpointStore;
  /** Called once per message, in UID order; the checkpoint moves only after it resolves. */
  onMessage(mail: IncomingMail): Promise<void>;
  /** Called when the health changes state. */
  onHealth?(health: MailboxHealth): void;
}

/** A running intake. */
export interface MailIntake {
  /** Starts connecting and taking mail in the background. */
  start(): void;
  /** Stops and logs out; resolves when the background loop has ended. */
  stop(): Promise<void>;
  health(): MailboxHealth;
  /** Asks for a check right away (e.g. after a delivery the caller knows of). */
  wake(): void;
}

/** Creates the intake of one mailbox folder (`settings.inbox`). */
export function createMailIntake(
  settings: MailboxSettings,
  options: IntakeOptions,
  deps: IntakeDeps,
): MailIntake {
  const healthIntervalMs = options.healthIntervalMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? Infinity;
  // ±20 %: many mailboxes on one provider do not reconnect in lockstep, yet each stays near
  // its schedule.
  const backoff: BackoffOptions = {
    baseMs: options.backoffInitialMs ?? 1_000,
    capMs: options.backoffMaxMs ?? 300_000,
    jitter: { spread: 0.2 },
  };
  const log = deps.logger.child({ mailbox: settings.id });
  const health = createHealthTracker(deps.clock, (h) => {
    if (h.state === 'unhealthy') log.warn({ reason: h.reason }, 'mailbox unhealthy');
    else log.info({ push: h.push, intakeError: h.intakeError }, 'mailbox healthy');
    deps.onHealth?.(h);
  });
  let stopped = false;
  let running: Promise<void> | undefined;
  let current: ImapFlow | undefined;
  const waker = createWaker(deps.clock);
  const wakeUp = waker.wake;
  const pause = waker.pause;

  const drain = async (client: ImapFlow): Promise<void> => {
    const box = client.mailbox;
    if (box === false) throw new Error(`${settings.inbox} is not open`);
    const uidValidity = String(box.uidValidity);
    let checkpoint = await deps.checkpoints.load();
    if (checkpoint === undefined && (options.startFrom ?? 'all') === 'new') {
      await deps.checkpoints.save({ uidValidity, lastUid: Math.max(0, Number(box.uidNext) - 1) });
      return;
    }
    if (checkpoint !== undefined && checkpoint.uidValidity !== uidValidity) {
      // The server renumbered the folder (RFC 3501: UIDs are only valid with their UIDVALIDITY).
      // Taking it again from the start is the only safe reading; callers dedupe by Message-ID.
      log.warn(
        { was: checkpoint.uidValidity, now: uidValidity },
        'UIDVALIDITY changed; taking the folder again',
      );
    }
    if (checkpoint?.uidValidity !== uidValidity) checkpoint = { uidValidity, lastUid: 0 };
    const found = await withTimeout(
      client,
      client.search({ uid: `${checkpoint.lastUid + 1}:*` }, { uid: true }),
      healthIntervalMs / 2,
      deps.clock.sleep,
      'UID SEARCH',
    );
    health.ok(client.capabilities.has('IDLE'));
    // `n:*` always matches the highest UID, even when it is below n (RFC 3501 §6.4.8).
    const uids = (found || [])
      .filter((uid) => uid > (checkpoint?.lastUid ?? 0))
      .sort((a, b) => a - b);
    for (const uid of uids) {
      if (stopped) return;
      const fetched = await withTimeout(
        client,
        client.fetchOne(String(uid), { uid: true, source: true }, { uid: true }),
        // A message with big attachments takes a while on a slow line: that is not a dead server.
        Math.max(healthIntervalMs, FETCH_TIMEOUT_MS),
        deps.clock.sleep,
        `UID FETCH ${uid}`,
      );
      // false: expunged between SEARCH and FETCH; nothing to take, but move past it.
      if (fetched !== false && fetched.source) {
        const parsed = await parseMail(fetched.source);
        await deps.onMessage({
          ...parsed,
          mailboxId: settings.id,
          folder: settings.inbox,
          uidValidity,
          uid,
          raw: fetched.source,
        });
      }
      checkpoint = { uidValidity, lastUid: uid };
      await deps.checkpoints.save(checkpoint);
      health.intakeError(undefined);
    }
  };

  const session = async (client: ImapFlow): Promise<void> => {
    let closed = false;
    client.on('close', () => {
      closed = true;
      wakeUp();
    });
    // New mail while idling: look at once instead of at the next tick.
    client.on('exists', () => wakeUp());
    const opened = client.mailboxOpen(settings.inbox).catch((error: unknown) => {
      // A typo in `inbox` must read as such, not as imapflow's "Command failed".
      throw new MailError(
        'mail_command_failed',
        `the folder "${settings.inbox}" cannot be opened (${messageOf(error)}); check the mailbox's inbox setting`,
        { cause: error },
      );
    });
    await withTimeout(client, opened, healthIntervalMs / 2, deps.clock.sleep, 'SELECT');
    const push = client.capabilities.has('IDLE');
    const tick = Math.min(healthIntervalMs / 2, push ? Infinity : pollIntervalMs);
    while (!stopped) {
      if (closed) throw new Error('connection closed by the server');
      try {
        await drain(client);
      } catch (error) {
        if (closed || !client.usable) throw error;
        // The handler or the checkpoint store failed: the mailbox is fine, try again next tick.
        log.error({ err: error }, 'taking a message failed; will retry');
        health.intakeError(messageOf(error));
      }
      if (closed) throw new Error('connection closed by the server');
      await pause(tick);
    }
  };

  const loop = async (): Promise<void> => {
    // Reconnects since the last good session; the first waits baseMs.
    let reconnects = 0;
    while (!stopped) {
      try {
        current = await connectImap(settings, deps.secrets, {
          connectTimeoutMs: healthIntervalMs / 2,
          // IDLE soon after each check, so new mail is pushed between checks.
          autoIdleDelayMs: Math.min(1_000, healthIntervalMs / 4),
        });
        reconnects = 0;
        await session(current);
      } catch (error) {
        if (stopped) break;
        health.fail(messageOf(error));
      } finally {
        current?.close();
        current = undefined;
      }
      if (stopped) break;
      const delay = backoffDelay(++reconnects, backoff);
      log.info({ delayMs: delay, server: imapLabel(settings) }, 'reconnecting');
      await pause(delay);
    }
  };

  return {
    start() {
      if (running) return;
      stopped = false;
      running = loop();
    },
    async stop() {
      stopped = true;
      const client = current;
      if (client?.usable) {
        await withTimeout(client, client.logout(), 2_000, deps.clock.sleep, 'LOGOUT').catch(
          () => {},
        );
      }
      wakeUp();
      await running;
      running = undefined;
    },
    health: () => health.get(),
    wake: () => wakeUp(),
  };
}

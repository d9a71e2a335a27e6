/**
 * One reader per mailbox across instances (PostgreSQL, issue 22). The mail intake is a watcher
 * (IMAP IDLE or polling), not a job, so it does not go through the queue; instead an instance
 * reads a mailbox only while it holds that mailbox's session-level advisory lock, on one
 * connection of its own. The lock lives as long as that connection: when the instance dies
 * (SIGKILL, a lost machine) PostgreSQL ends the session and frees its locks, and the next
 * instance that asks (every few seconds) takes the mailbox over from its checkpoint in the
 * database. Taking a mail stays exactly-once on its own (take.ts: the message's key, the task
 * and the checkpoint commit together), so a brief overlap after a network split doubles nothing.
 */
import { hostname } from 'node:os';
import pg from 'pg';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/**
 * Who reads which mailbox when several instances share one database (PostgreSQL,
 * mailboxLocks below): an instance runs a mailbox's intake only while it holds
 * the mailbox. Absent (SQLite): every process that starts the intakes reads every mailbox.
 */
export interface IntakeLocks {
  /** Takes mailbox `id` for this instance unless another holds it; true while this one holds it. */
  take(id: string): Promise<boolean>;
  /** Lets mailbox `id` go (its intake here has stopped). */
  release(id: string): Promise<void>;
  /** `lost` is called when every hold went at once (the connection ended): the intakes must stop. */
  onLost(lost: () => void): void;
  close(): Promise<void>;
}

/** The lock's key: a 64-bit hash of the mailbox id in sitedesk's own name space. */
const KEY_SQL = `hashtextextended('sitedesk-intake:' || $1, 0)`;

/** Opens nothing yet: the connection is made at the first take() and again after it was lost. */
export function mailboxLocks(url: string, logger: Logger): IntakeLocks {
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  const held = new Set<string>();
  const lostListeners: (() => void)[] = [];
  let closed = false;

  const lose = (reason: string): void => {
    if (!client) return;
    client = undefined;
    connecting = undefined;
    if (held.size === 0) return;
    logger.warn(
      { reason, mailboxes: held.size },
      'lost the hold on the mailboxes; their intakes stop',
    );
    held.clear();
    for (const listener of lostListeners) listener();
  };

  const connection = (): Promise<pg.Client> => {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const next = new pg.Client({
        connectionString: url,
        // The doctor and the tests see who reads which mailbox by this name.
        application_name: `sitedesk-intake:${hostname()}:${process.pid}`.slice(0, 63),
      });
      next.on('error', (error) => lose(messageOf(error)));
      next.on('end', () => lose('the connection ended'));
      try {
        await next.connect();
      } catch (error) {
        connecting = undefined;
        throw error;
      }
      client = next;
      return next;
    })();
    return connecting;
  };

  return {
    async take(id) {
      if (closed) return false;
      if (held.has(id)) return true;
      const db = await connection();
      const result = await db.query<{ ok: boolean }>(
        `select pg_try_advisory_lock(${KEY_SQL}) as ok`,
        [id],
      );
      const ok = result.rows[0]?.ok === true;
      if (ok) held.add(id);
      return ok;
    },
    async release(id) {
      if (!held.delete(id) || !client) return;
      await client
        .query(`select pg_advisory_unlock(${KEY_SQL})`, [id])
        .catch((error: unknown) =>
          logger.warn({ reason: messageOf(error) }, 'mailbox unlock failed'),
        );
    },
    onLost(listener) {
      lostListeners.push(listener);
    },
    async close() {
      closed = true;
      held.clear();
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    },
  };
}

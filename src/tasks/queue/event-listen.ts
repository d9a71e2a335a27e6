import pg from 'pg';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** What a kept-up listening connection tells its owner. */
export interface ListenHandlers {
  /** A notification's payload, in the order they arrive. */
  notified(payload: string | undefined): void;
  /**
   * Called as a lost connection is made again, before its LISTEN, with a promise that resolves
   * once it listens (rejects when it could not): announcements made while nobody listened are
   * then read from the table, before those heard on the new connection.
   */
  resuming(listening: Promise<void>): void;
}

/** The longest wait before connecting again (ms); it doubles from `firstRetryMs` per failure. */
const LAST_RETRY_MS = 30_000;

/**
 * Listens on `channel` over its own connection to `url`, and keeps listening: a connection
 * that breaks (the database restarted, a failover, the backend ended) is made again. Resolves
 * once the first LISTEN holds.
 */
export async function keepListening(
  url: string,
  channel: string,
  logger: Logger,
  handlers: ListenHandlers,
  firstRetryMs = 1_000,
): Promise<{ close(): Promise<void> }> {
  let closing = false;
  let current: pg.Client | undefined;
  /** One connection; `onLost(early)` once when it fails to listen (early) or breaks later. */
  const open = (onLost: (early: boolean) => void): Promise<void> => {
    const client = new pg.Client({ connectionString: url, application_name: 'sitedesk-events' });
    let listening = false;
    let lost = false;
    const lose = (): void => {
      if (lost || closing) return;
      lost = true;
      if (current === client) current = undefined;
      void client.end().catch(() => undefined);
      onLost(!listening);
    };
    client.on('error', (error) => logger.warn({ reason: messageOf(error) }, 'event relay error'));
    client.on('notification', (message) => handlers.notified(message.payload));
    client.on('end', lose);
    current = client;
    const ready = client
      .connect()
      .then(() => client.query(`LISTEN ${channel}`))
      .then(() => {
        listening = true;
      });
    ready.catch(lose);
    return ready;
  };
  const retry = (delayMs: number): void => {
    if (closing) return;
    logger.warn({ retryInMs: delayMs }, 'lost the live-change channel; connecting again');
    const timer = setTimeout(() => {
      if (closing) return;
      handlers.resuming(
        open((early) => retry(early ? Math.min(delayMs * 2, LAST_RETRY_MS) : firstRetryMs)),
      );
    }, delayMs);
    timer.unref();
  };
  // The first connection must hold (its error is the caller's); later losses are retried.
  await open((early) => {
    if (!early) retry(firstRetryMs);
  });
  return {
    async close() {
      closing = true;
      await current?.end().catch(() => undefined);
    },
  };
}

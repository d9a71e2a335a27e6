/**
 * Live changes across instances on PostgreSQL (issue 22): each instance sends the task and
 * publication events of its own changes on the channel `sitedesk_events` (NOTIFY) and emits
 * the other instances' events into its own stream, so a browser connected to any instance (SSE,
 * src/server/events) sees a change made on any other — an API instance sees a worker's progress.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { TaskEvent, TaskEvents } from '../events.js';

const CHANNEL = 'sitedesk_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7_900;

// What arrives on the channel is read back like any input: only well-formed events go on.
const messageSchema = z.object({
  origin: z.string().min(1).max(64),
  event: z
    .object({
      type: z.enum([
        'task.created',
        'task.updated',
        'task.status',
        'publication.created',
        'publication.updated',
      ]),
      actor: z.string(),
    })
    .passthrough(),
});

/** A running relay; close() stops sending and listening. */
export interface EventRelay {
  /**
   * Whether the event being emitted now came from another instance. Listeners that act on
   * changes made here (asking the job queue for a publication) skip those: the instance that
   * made the change asked already.
   */
  relaying(): boolean;
  close(): Promise<void>;
}

/** Starts relaying `events` through the database at `url`. */
export async function relayEvents(
  url: string,
  events: TaskEvents,
  logger: Logger,
): Promise<EventRelay> {
  const origin = randomBytes(8).toString('hex');
  const listener = new pg.Client({ connectionString: url, application_name: 'sitedesk-events' });
  const sender = new pg.Pool({
    connectionString: url,
    max: 1,
    application_name: 'sitedesk-events',
  });
  sender.on('error', (error) => logger.warn({ reason: messageOf(error) }, 'event relay error'));
  listener.on('error', (error) => logger.warn({ reason: messageOf(error) }, 'event relay error'));
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  let relaying = false;
  listener.on('notification', (message) => {
    const parsed = messageSchema.safeParse(safeJson(message.payload));
    if (!parsed.success || parsed.data.origin === origin) return;
    // Another instance's change: heard here as if made here, but not sent back out.
    relaying = true;
    try {
      events.emit(parsed.data.event as unknown as TaskEvent);
    } finally {
      relaying = false;
    }
  });
  const stop = events.on((event) => {
    if (relaying) return;
    const payload = JSON.stringify({ origin, event });
    // A change too big for one notification (a very long task text) is not relayed: browsers
    // on other instances see it at their next reload.
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
      logger.debug({ type: event.type }, 'event too large to relay');
      return;
    }
    sender
      .query('select pg_notify($1, $2)', [CHANNEL, payload])
      .catch((error: unknown) =>
        logger.warn({ reason: messageOf(error) }, 'could not relay a change to other instances'),
      );
  });
  return {
    relaying: () => relaying,
    async close() {
      stop();
      await listener.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

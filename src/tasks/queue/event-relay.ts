/**
 * Live changes across instances on PostgreSQL (issue 22): each instance writes the task and
 * publication events of its own changes into the shared buffer `live_events` and announces
 * them on the channel `sitedesk_events` (NOTIFY; src/tasks/queue/event-log.ts). It emits the
 * other instances' events into its own stream, so a browser connected to any instance (SSE,
 * src/server/events) sees a change made on any other — an API instance sees a worker's
 * progress — and it hands every instance's events, its own too, with their shared ids to the
 * SSE hub, which replays from the buffer what a reconnecting browser missed.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { createEventClientLookup, type TaskEvent, type TaskEvents } from '../events.js';
import { keepListening } from './event-listen.js';
import {
  appendEvents,
  newestId,
  pruneEvents,
  readEvent,
  readSince,
  type EventKeep,
  type EventToWrite,
  type SharedEvent,
} from './event-log.js';

const CHANNEL = 'sitedesk_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7_900;
/** Events written in one transaction at most, when many come at once. */
const MAX_BATCH = 100;

// What arrives on the channel is read back like any input: only well-formed events go on.
const eventSchema = z
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
  .passthrough();
const messageSchema = z.object({
  origin: z.string().min(1).max(64),
  id: z.number().int().positive(),
  clientId: z.string().nullable(),
  event: eventSchema.optional(),
});

/** Every instance's events with their shared ids, and the replay of the kept ones. */
export interface SharedEventSource {
  /** Calls `listener` with every instance's events, this one's too, in id order; returns stop. */
  onShared(listener: (event: SharedEvent) => void): () => void;
  /** The kept events after `lastId`; `complete` is false when some after it were pruned. */
  since(lastId: number): Promise<{ events: SharedEvent[]; complete: boolean }>;
  /** Resolves when every announcement heard so far has been handed on (tests). */
  settled(): Promise<void>;
}

/** A running relay; close() stops sending and listening. */
export interface EventRelay extends SharedEventSource {
  /**
   * Whether the event being emitted now came from another instance. Listeners that act on
   * changes made here (asking the job queue for a publication) skip those: the instance that
   * made the change asked already.
   */
  relaying(): boolean;
  close(): Promise<void>;
}

/** What the relay needs besides the database. */
export interface RelayOptions {
  /** The client of a site, for the client of a publication's event (what a client link sees). */
  clientOfSite: (siteId: string) => Promise<string | undefined>;
  /** How much the buffer keeps; default the newest 1000 events, none older than an hour. */
  keep?: Partial<EventKeep>;
  /** Prune after this many events written here (default 100), or a minute after the last prune. */
  pruneEvery?: number;
  /** The clock, in ms (default Date.now). */
  now?: () => number;
  /** Wait before listening again after the connection broke (ms, default 1000; doubles to 30 s). */
  reconnectMs?: number;
}

/** Starts relaying `events` through the database at `url`. */
export async function relayEvents(
  url: string,
  events: TaskEvents,
  logger: Logger,
  options: RelayOptions,
): Promise<EventRelay> {
  const origin = randomBytes(8).toString('hex');
  const now = options.now ?? Date.now;
  const keep: EventKeep = { count: 1000, ageMs: 3_600_000, ...options.keep };
  const pruneEvery = options.pruneEvery ?? 100;
  const clientOf = createEventClientLookup(options.clientOfSite);
  // One connection writes (its transactions one after another), the other reads replays.
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'sitedesk-events' });
  pool.on('error', (error) => logger.warn({ reason: messageOf(error) }, 'event relay error'));

  const sharedListeners = new Set<(event: SharedEvent) => void>();
  let relaying = false;
  // Events written before this instance listened are not its news (replays serve them).
  let lastHeard = await newestId(pool);
  const handOn = (shared: SharedEvent): void => {
    // Ids come increasing (event-log.ts); the SSE route relies on it, so never one going back.
    if (shared.id <= lastHeard) return;
    lastHeard = shared.id;
    if (shared.origin !== origin) {
      // Another instance's change: heard here as if made here, but not written again.
      relaying = true;
      try {
        events.emit(shared.event);
      } finally {
        relaying = false;
      }
    }
    for (const each of [...sharedListeners]) {
      try {
        each(shared);
      } catch (error) {
        logger.warn({ reason: messageOf(error) }, 'a live-change listener failed');
      }
    }
  };
  // Announcements arrive in commit order, which is id order; they are handed on one after
  // another, a large one after reading its row, so that order holds.
  let receiving: Promise<void> = Promise.resolve();
  const inTurn = (step: () => Promise<void>, failure: string): void => {
    receiving = receiving
      .then(step)
      .catch((error: unknown) => logger.warn({ reason: messageOf(error) }, failure));
  };
  const listening = await keepListening(
    url,
    CHANNEL,
    logger,
    {
      notified(payload) {
        const parsed = messageSchema.safeParse(safeJson(payload));
        if (!parsed.success) return;
        const { id, clientId, event, origin: from } = parsed.data;
        inTurn(async () => {
          const shared = event
            ? {
                id,
                clientId: clientId ?? undefined,
                event: event as unknown as TaskEvent,
                origin: from,
              }
            : await readEvent(pool, id);
          if (shared) handOn(shared);
        }, 'could not read a change of another instance');
      },
      // Back after a lost connection: what was announced meanwhile is read from the buffer.
      resuming(listened) {
        inTurn(async () => {
          await listened;
          for (const missed of (await readSince(pool, lastHeard)).events) handOn(missed);
        }, 'could not catch up with the live changes');
      },
    },
    options.reconnectMs,
  );

  // This instance's own changes, written in the order they happened.
  const pending: TaskEvent[] = [];
  let writing: Promise<void> | undefined;
  let sincePrune = 0;
  let prunedAt = now();
  const write = async (changes: TaskEvent[]): Promise<void> => {
    const batch: EventToWrite[] = [];
    for (const event of changes)
      batch.push({ event, clientId: await clientOf(event), at: new Date(now()).toISOString() });
    await appendEvents(pool, batch, { channel: CHANNEL, origin, maxPayload: MAX_PAYLOAD });
    sincePrune += batch.length;
    if (sincePrune >= pruneEvery || now() - prunedAt >= 60_000) {
      sincePrune = 0;
      prunedAt = now();
      await pruneEvents(pool, keep, prunedAt).catch((error: unknown) =>
        logger.warn({ reason: messageOf(error) }, 'could not prune the live-change buffer'),
      );
    }
  };
  const drain = async (): Promise<void> => {
    try {
      while (pending.length > 0)
        await write(pending.splice(0, MAX_BATCH)).catch((error: unknown) =>
          // Lost for browsers elsewhere (and for replays); they see it at their next reload.
          logger.warn({ reason: messageOf(error) }, 'could not relay a change to other instances'),
        );
    } finally {
      writing = undefined;
    }
  };
  const stop = events.on((event) => {
    if (relaying) return;
    pending.push(event);
    writing ??= drain();
  });
  return {
    relaying: () => relaying,
    onShared(each) {
      sharedListeners.add(each);
      return () => sharedListeners.delete(each);
    },
    since: (lastId) => readSince(pool, lastId),
    settled: () => receiving,
    async close() {
      stop();
      await writing;
      await listening.close();
      await pool.end().catch(() => undefined);
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

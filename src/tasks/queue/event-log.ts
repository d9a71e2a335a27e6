/**
 * The shared buffer of recent live changes on PostgreSQL (table `live_events`, migration 0021,
 * docs/decisions/live-event-ids.md). Every instance writes its own task and publication events
 * here and announces each by NOTIFY with its row id; that id is the event's SSE id on every
 * instance, so a browser that reconnects to another instance (`Last-Event-ID`) is replayed
 * exactly what it missed, from this table.
 *
 * Ids must grow in the order events become visible, or a reader that has seen id 7 could later
 * meet an id 6 that committed after it and skip it. A sequence alone does not promise that: two
 * writers take 6 and 7, and 7 commits first. So every write takes one transaction-level advisory
 * lock before it takes its ids and holds it until it has committed: the next writer's ids come
 * after, and commit after. PostgreSQL already serialises the commits of transactions that
 * NOTIFY, so this costs little; a batch of events shares one lock and one commit.
 */
import type pg from 'pg';
import type { TaskEvent } from '../events.js';

/** One event as every instance numbers it. */
export interface SharedEvent {
  /** The row id in `live_events`: the SSE `id`, increasing in commit order. */
  id: number;
  /** The client the event concerns, undefined for none. */
  clientId: string | undefined;
  event: TaskEvent;
  /** The instance that wrote it (random per process). */
  origin: string;
}

/** An event to write: the event, its client, when (ISO time). */
export interface EventToWrite {
  event: TaskEvent;
  clientId: string | undefined;
  at: string;
}

/** How much is kept for replays. */
export interface EventKeep {
  /** The newest events kept; default 1000. */
  count: number;
  /** Events older than this are dropped (ms); default one hour (the newest of them stays, see prune). */
  ageMs: number;
}

/** `pg_advisory_xact_lock` key of the writers of `live_events` (any fixed number; "sdlive"). */
const WRITE_LOCK = 0x73646c697665;

/** What each notification carries: the row id, and the event itself when it fits. */
export interface Announcement {
  origin: string;
  id: number;
  clientId: string | null;
  event?: TaskEvent;
}

/**
 * Writes `batch` in one transaction under the write lock, in order, and announces each event on
 * `channel` (delivered to every listener after the commit, in commit order). An announcement
 * longer than `maxPayload` bytes leaves the event out; listeners read it from the row.
 */
export async function appendEvents(
  pool: pg.Pool,
  batch: readonly EventToWrite[],
  announce: { channel: string; origin: string; maxPayload: number },
): Promise<number[]> {
  const client = await pool.connect();
  try {
    // Live changes are worth little after a crash of the database: no wait for the disk.
    await client.query(
      `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`,
    );
    const ids: number[] = [];
    for (const { event, clientId, at } of batch) {
      const json = JSON.stringify(event);
      const inserted = await client.query<{ id: string }>(
        'INSERT INTO live_events (at, type, origin, client_id, event) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [at, event.type, announce.origin, clientId ?? null, json],
      );
      const id = Number(inserted.rows[0]?.id);
      const head: Announcement = { origin: announce.origin, id, clientId: clientId ?? null };
      const full = JSON.stringify({ ...head, event });
      const payload = Buffer.byteLength(full) <= announce.maxPayload ? full : JSON.stringify(head);
      await client.query('SELECT pg_notify($1, $2)', [announce.channel, payload]);
      ids.push(id);
    }
    await client.query('COMMIT');
    return ids;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface Row {
  id: string;
  origin: string;
  client_id: string | null;
  event: string;
}

const toShared = (row: Row): SharedEvent => ({
  id: Number(row.id),
  clientId: row.client_id ?? undefined,
  event: JSON.parse(row.event) as TaskEvent,
  origin: row.origin,
});

/** The event with row id `id`, or undefined when it is no longer kept. */
export async function readEvent(pool: pg.Pool, id: number): Promise<SharedEvent | undefined> {
  const { rows } = await pool.query<Row>(
    'SELECT id, origin, client_id, event FROM live_events WHERE id = $1',
    [id],
  );
  return rows[0] && toShared(rows[0]);
}

/**
 * The kept events after `lastId`, oldest first; `complete` is false when some of them may have
 * been pruned. Pruning only ever removes the oldest rows, so when the row `lastId` itself is
 * still here, nothing after it is missing. 0 means "nothing seen yet": complete while the first
 * event ever written (id 1) is kept, or none was written. One statement: one snapshot.
 */
export async function readSince(
  pool: pg.Pool,
  lastId: number,
): Promise<{ events: SharedEvent[]; complete: boolean }> {
  const { rows } = await pool.query<Row>(
    'SELECT id, origin, client_id, event FROM live_events WHERE id >= $1 ORDER BY id',
    [lastId],
  );
  const first = rows[0] ? Number(rows[0].id) : undefined;
  const complete = lastId === 0 ? first === undefined || first === 1 : first === lastId;
  return { events: rows.filter((r) => Number(r.id) > lastId).map(toShared), complete };
}

/**
 * Drops all but the newest `keep.count` events, and those older than `keep.ageMs` except the
 * newest of them: a browser whose last event is that one is still replayed the few after it
 * rather than reset. Only the oldest rows go, which readSince relies on.
 */
export async function pruneEvents(pool: pg.Pool, keep: EventKeep, now: number): Promise<void> {
  await pool.query(
    `DELETE FROM live_events WHERE id <= (
       SELECT id FROM live_events ORDER BY id DESC OFFSET $1 LIMIT 1)`,
    [keep.count],
  );
  await pool.query(
    `DELETE FROM live_events WHERE id < (SELECT max(id) FROM live_events WHERE at < $1)`,
    [new Date(now - keep.ageMs).toISOString()],
  );
}

/** The newest id written so far (0 for none). */
export async function newestId(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ id: string | null }>('SELECT max(id) AS id FROM live_events');
  return Number(rows[0]?.id ?? 0);
}

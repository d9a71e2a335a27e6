/**
 * The shared buffer of recent live changes on PostgreSQL (migration 0021, issue 22): written by
 * every instance's event relay, read by any instance's SSE replay. Empty on SQLite.
 */
import type { Generated } from 'kysely';

/** One task or publication event; `id` is its SSE id on every instance. */
export interface LiveEventsTable {
  /** Increasing in commit order (taken under one lock, see src/tasks/queue/event-log.ts). */
  id: Generated<number>;
  /** When it was written (ISO time); older rows are pruned. */
  at: string;
  type: string;
  /** The writing instance (random per process). */
  origin: string;
  /** The client the event concerns, null for none. */
  client_id: string | null;
  /** The event as emitted (JSON text). */
  event: string;
}

/** The tables of live changes. */
export interface LiveEventTables {
  live_events: LiveEventsTable;
}

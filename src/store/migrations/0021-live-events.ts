import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The recent live changes of all instances on PostgreSQL (issue 22, docs/decisions/live-event-ids.md):
 * each task or publication event is written here under one lock and announced by NOTIFY with
 * its row id, so an event's id (the SSE `id`) means the same on every instance and any instance
 * replays what a reconnecting browser missed. Pruned by count and age. SQLite (one instance)
 * keeps its events in memory and leaves this table empty.
 */
export function liveEventsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('live_events')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        // The instance that wrote it (random per process): it does not hear its own again.
        .addColumn('origin', 'text', (c) => c.notNull())
        // The client the event concerns (null for none): what a client link may see, and what
        // a client's final removal deletes.
        .addColumn('client_id', 'text')
        // The event as the task service emitted it (JSON text).
        .addColumn('event', 'text', (c) => c.notNull())
        .execute();
    },
  };
}

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { IdGenerator } from './ids.js';

/** One history entry to append: who did what to which entity, and the changed fields. */
export interface HistoryInput {
  entity: 'client' | 'site' | 'content_item' | 'task' | 'publication' | 'schedule';
  entityId: string;
  taskId?: string | null;
  /** What happened, e.g. `created`, `updated`, `status:open->in_progress`. */
  action: string;
  actor: string;
  at: string;
  /** The changed fields (new values; for updates `{ field: { from, to } }`). */
  changes: unknown;
}

/** Appends one entry; call it inside the transaction that made the change. */
export async function appendHistory(
  db: Kysely<Database> | Transaction<Database>,
  newId: IdGenerator,
  entry: HistoryInput,
): Promise<void> {
  await db
    .insertInto('history')
    .values({
      id: newId(),
      entity: entry.entity,
      entity_id: entry.entityId,
      task_id: entry.taskId ?? null,
      action: entry.action,
      actor: entry.actor,
      at: entry.at,
      changes: JSON.stringify(entry.changes ?? {}),
    })
    .execute();
}

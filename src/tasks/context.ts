import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../shared/clock.js';
import type { Database, FastReads, IdGenerator } from '../store/index.js';
import { actorSchema } from './schemas/common.js';
import { parseInput } from './validate.js';
import type { TaskEvent, TaskEvents } from './events.js';

/** What every service function receives from `createTaskService`. */
export interface ServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  events: TaskEvents;
  /** Synchronous SQLite reads for the task list (absent on other databases: Kysely is used). */
  fast?: FastReads;
}

/** Who is making a change (written to the history). */
export interface Actor {
  actor: string;
}

/** The work inside one transaction: its handle, the timestamp of the change, and events to send after commit. */
export interface Unit {
  trx: Transaction<Database>;
  at: string;
  actor: string;
  emit(event: TaskEvent): void;
}

/**
 * Runs `work` in one transaction: everything it writes — the change and its history — commits
 * together or not at all. Events go out only after the commit, so a listener never hears of
 * a change that was rolled back.
 */
export async function inTransaction<T>(
  deps: ServiceDeps,
  who: Actor,
  work: (unit: Unit) => Promise<T>,
): Promise<T> {
  const actor = parseInput(actorSchema, who?.actor, 'actor');
  const pending: TaskEvent[] = [];
  const at = new Date(deps.clock.now()).toISOString();
  const result = await deps.db
    .transaction()
    .execute((trx) => work({ trx, at, actor, emit: (event) => pending.push(event) }));
  for (const event of pending) deps.events.emit(event);
  return result;
}

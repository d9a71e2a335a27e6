/** The store: the schema, migrations and the connection. Queries live with their callers in src/tasks. */
export { openStore, migrate, DATABASE_FILE, type Store, type StoreConfig } from './open.js';
export type { FastReads } from './fast-reads.js';
export { createIdGenerator, type IdGenerator } from './ids.js';
export { nowIso, toIso } from './time.js';
export { appendHistory, type HistoryInput } from './history.js';
export type * from './schema.js';

/** The store: the schema, migrations and the connection. Queries live with their callers in src/tasks. */
export { openStore, DATABASE_FILE, type Store, type StoreConfig } from './open.js';
export { migrate } from './migrate.js';
export type { FastReads } from './fast-reads.js';
export { createIdGenerator, type IdGenerator } from './ids.js';
export { nowIso, toIso } from './time.js';
export { appendHistory, type HistoryInput } from './history.js';
export { dialectOf, jsonElements, jsonText, type Dialect } from './dialect.js';
export { databaseUrlSchema, describeDatabaseUrl } from '../shared/database-url.js';
export type * from './schema.js';
export type * from './tables/accounts.js';
export type * from './tables/letters.js';
export type * from './tables/live-events.js';
export type * from './tables/mail.js';
export type * from './tables/meetings.js';

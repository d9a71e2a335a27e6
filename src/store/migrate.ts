import { Migrator, type Kysely } from 'kysely';
import { SitedeskError, messageOf } from '../shared/errors.js';
import { dialectOf, type Dialect } from './dialect.js';
import { createMigrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

/** Runs the pending migrations; a failure names the migration and leaves the schema as it was. */
export async function migrate(
  db: Kysely<Database>,
  dialect: Dialect = dialectOf(db),
): Promise<void> {
  const migrator = new Migrator({ db, provider: createMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  throw new SitedeskError(
    'store_migration_failed',
    `Database migration ${failed} failed: ${messageOf(error)}`,
    { cause: error },
  );
}

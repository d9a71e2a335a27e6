import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { SitedeskError, messageOf } from '../../shared/errors.js';
import { clientLinkLastUsedMigration } from './migration-link-used.js';
import { userLanguageMigration } from './migration-language.js';

// The store's migration provider lists only its own migrations (src/store/migrations), so the
// accounts tables keep their own ledger (`accounts_migration`) instead of editing src/store.
const first: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();
    for (const table of ['sessions', 'api_tokens'] as const) {
      let builder = db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull());
      builder =
        table === 'sessions'
          ? builder
              .addColumn('csrf_hash', 'text', (c) => c.notNull())
              .addColumn('expires_at', 'text', (c) => c.notNull())
          : builder
              .addColumn('name', 'text', (c) => c.notNull())
              .addColumn('last_used_at', 'text')
              .addColumn('revoked_at', 'text');
      await builder.execute();
    }
    await db.schema
      .createTable('client_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema
      .createIndex('client_links_client')
      .on('client_links')
      .columns(['client_id', 'id'])
      .execute();
    await db.schema
      .createTable('previews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('content_item_id', 'text', (c) => c.notNull().references('content_items.id'))
      .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('setup_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of [
      'setup_tokens',
      'previews',
      'client_links',
      'api_tokens',
      'sessions',
      'users',
    ])
      await db.schema.dropTable(table).execute();
  },
};

const provider: MigrationProvider = {
  getMigrations: async () => ({
    '0001-accounts': first,
    '0002-user-language': userLanguageMigration,
    '0003-client-link-last-used': clientLinkLastUsedMigration,
  }),
};

/** Brings the accounts tables up to date (after the store's own migrations ran). */
export async function migrateAccounts<DB>(db: Kysely<DB>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'accounts_migration',
    migrationLockTableName: 'accounts_migration_lock',
    // Each accounts migration only adds a column of its own, so one missing from the ledger
    // (a database restored from before it) may run after later ones.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  throw new SitedeskError(
    'store_migration_failed',
    `Database migration ${failed} failed: ${messageOf(error)}`,
    { cause: error },
  );
}

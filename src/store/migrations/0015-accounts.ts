import type { Kysely, Migration } from 'kysely';

/**
 * The accounts tables (agency users, sessions, API tokens, client links, previews, one-time
 * set-up tokens) among the store's migrations, so every table has one home in src/store.
 *
 * Until this migration they had their own ledger (`accounts_migration`: 0001-accounts,
 * 0002-user-language, 0003-client-link-last-used) run by the accounts service at start. A
 * database made then already has the tables: they are kept with their rows, a column a
 * ledger step did not add yet is added, and the old ledger is dropped. A new database gets the
 * tables in their final shape.
 */
export const accountsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const tables = await db.introspection.getTables();
    const users = tables.find((t) => t.name === 'users');
    if (users) {
      const columns = (table: string) =>
        new Set(tables.find((t) => t.name === table)?.columns.map((c) => c.name));
      if (!columns('users').has('language'))
        await db.schema.alterTable('users').addColumn('language', 'text').execute();
      if (!columns('client_links').has('last_used_at'))
        await db.schema.alterTable('client_links').addColumn('last_used_at', 'text').execute();
      await db.schema.dropTable('accounts_migration').ifExists().execute();
      await db.schema.dropTable('accounts_migration_lock').ifExists().execute();
      return;
    }

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .addColumn('language', 'text')
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
      .addColumn('last_used_at', 'text')
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
};

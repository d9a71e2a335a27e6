import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Which SQL engine runs the migration: a few statements (triggers) differ. */
export type { Dialect };

/**
 * The first schema. Only portable column types (text, integer) so PostgreSQL runs it too;
 * indexes serve the task list's filters (client, status, kind, due) with `id` last for
 * keyset paging.
 */
export function initialMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('languages', 'text', (c) => c.notNull())
        .addColumn('contact', 'text', (c) => c.notNull())
        .addColumn('availability', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('clients_name').on('clients').column('name').execute();

      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sites_client')
        .on('sites')
        .columns(['client_id', 'id'])
        .execute();

      await db.schema
        .createTable('content_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('markdown', 'text', (c) => c.notNull())
        .addColumn('excerpt', 'text')
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('images', 'text', (c) => c.notNull())
        .addColumn('language', 'text')
        .addColumn('starts_at', 'text')
        .addColumn('ends_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('content_items_client')
        .on('content_items')
        .columns(['client_id', 'id'])
        .execute();

      await db.schema
        .createTable('schedules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('site_ids', 'text', (c) => c.notNull())
        .addColumn('catch_up', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('next_run_at', 'text')
        .addColumn('fired', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('schedules_due')
        .on('schedules')
        .columns(['enabled', 'next_run_at'])
        .execute();
      await db.schema
        .createIndex('schedules_client')
        .on('schedules')
        .columns(['client_id', 'id'])
        .execute();

      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text')
        .addColumn('assignee', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('content_item_id', 'text', (c) => c.references('content_items.id'))
        .addColumn('schedule_id', 'text', (c) => c.references('schedules.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      const taskIndexes: [string, string[]][] = [
        ['tasks_client', ['client_id', 'id']],
        ['tasks_client_status', ['client_id', 'status', 'id']],
        ['tasks_client_due', ['client_id', 'due_at', 'id']],
        ['tasks_status', ['status', 'id']],
        ['tasks_status_due', ['status', 'due_at', 'id']],
        ['tasks_kind', ['kind', 'id']],
        ['tasks_due', ['due_at', 'id']],
        ['tasks_schedule', ['schedule_id']],
      ];
      for (const [name, columns] of taskIndexes) {
        await db.schema.createIndex(name).on('tasks').columns(columns).execute();
      }

      await db.schema
        .createTable('publications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
        .addColumn('content_item_id', 'text', (c) => c.notNull().references('content_items.id'))
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('remote_id', 'text')
        .addColumn('url', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('next_attempt_at', 'text')
        .addColumn('verified_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('publications_task_site', ['task_id', 'site_id'])
        .execute();
      await db.schema
        .createIndex('publications_state')
        .on('publications')
        .columns(['state', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('publications_item_site')
        .on('publications')
        .columns(['content_item_id', 'site_id'])
        .execute();

      await db.schema
        .createTable('schedule_runs')
        .addColumn('schedule_id', 'text', (c) => c.notNull().references('schedules.id'))
        .addColumn('occurrence_at', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('schedule_runs_pk', ['schedule_id', 'occurrence_at'])
        .execute();

      await db.schema
        .createTable('schedule_texts')
        .addColumn('schedule_id', 'text', (c) => c.notNull().references('schedules.id'))
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('schedule_texts_pk', ['schedule_id', 'local_date'])
        .execute();

      await db.schema
        .createTable('history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('task_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('history_task')
        .on('history')
        .columns(['task_id', 'id'])
        .execute();
      await db.schema
        .createIndex('history_entity')
        .on('history')
        .columns(['entity', 'entity_id', 'id'])
        .execute();
      await forbidHistoryChanges(db, dialect);
    },
  };
}

// The history is append-only by contract; the database enforces it so no code path (or a
// hand-run SQL session) can rewrite the past.
async function forbidHistoryChanges(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER history_no_${op.toLowerCase()} BEFORE ${op} ON history ` +
            `BEGIN SELECT RAISE(ABORT, 'history is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS ` +
        `$$ BEGIN RAISE EXCEPTION 'history is append-only'; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history ` +
        `FOR EACH ROW EXECUTE FUNCTION history_append_only()`,
    )
    .execute(db);
}

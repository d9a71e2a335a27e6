import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Meetings in the client's own calendar (issue 19):
 * - `calendars`: one CalDAV calendar per client (settings JSON, never the password: that is
 *   `calendar:<id>` in the secret store) and the mailbox its invitations go out from;
 * - `client_meeting_rules`: working hours, lengths, buffer, days ahead, places (JSON);
 * - `meetings`: one meeting per task, with the stable UID of its event, the times (UTC) and
 *   the zone they are shown in, and the outbox columns of the job that makes the client's
 *   calendar and the person's invitation match the row (`sequence` is what should be there,
 *   `written_sequence`/`invited_sequence` what went out), owned by lease like publications.
 */
export const meetingsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('calendars')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().unique().references('clients.id'))
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('mailbox_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('client_meeting_rules')
      .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
      .addColumn('rules', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('task_id', 'text', (c) => c.notNull().unique().references('tasks.id'))
      .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id'))
      .addColumn('uid', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('person_name', 'text', (c) => c.notNull())
      .addColumn('person_email', 'text')
      .addColumn('contact', 'text')
      .addColumn('place_id', 'text', (c) => c.notNull())
      .addColumn('location', 'text')
      .addColumn('note', 'text')
      .addColumn('starts_at', 'integer', (c) => c.notNull())
      .addColumn('ends_at', 'integer', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('person_timezone', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('written_sequence', 'integer')
      .addColumn('invited_sequence', 'integer')
      .addColumn('sync_state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'integer', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('lease_until', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('event_url', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('meetings_client_time')
      .on('meetings')
      .columns(['client_id', 'state', 'starts_at'])
      .execute();
    // Two bookings of the same start for one client: the second insert fails, whatever process
    // made it (the service checks overlaps first; this catches a race across processes).
    await db.schema
      .createIndex('meetings_one_per_start')
      .on('meetings')
      .columns(['client_id', 'starts_at'])
      .unique()
      .where(sql.ref('state'), '=', 'booked')
      .execute();
    await db.schema
      .createIndex('meetings_due')
      .on('meetings')
      .columns(['sync_state', 'next_attempt_at'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('meetings').execute();
    await db.schema.dropTable('client_meeting_rules').execute();
    await db.schema.dropTable('calendars').execute();
  },
};

import type { Kysely, Migration } from 'kysely';

/**
 * Mail failures that recover (issue 24):
 * - `mailboxes.archived_at`: a mailbox whose mails are kept in tasks is archived, not deleted
 *   (no intake, no sending; its threads stay readable);
 * - `mail_messages.content_hash`: a message without a Message-ID is recognised after a new
 *   UIDVALIDITY by a hash of its date, sender, subject and body;
 * - `mail_outbox`: every mail sitedesk sends on its own (urgent forwards) goes through here,
 *   with a lease, attempts and backoff, like publications; its Message-ID is fixed when queued;
 * - `mail_suppressions`: per client, the addresses no mailing may reach again (unsubscribed,
 *   bounced, or added by hand);
 * - `mailings.owner`/`lease_until`/`next_attempt_at`: a mailing is owned by one process at a
 *   time; one left by a dead process, or stopped by an SMTP fault, resumes by itself.
 */
export const mailRecoveryMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('mailboxes').addColumn('archived_at', 'text').execute();
    await db.schema.alterTable('mail_messages').addColumn('content_hash', 'text').execute();
    await db.schema
      .createIndex('mail_messages_content_hash')
      .on('mail_messages')
      .columns(['mailbox_id', 'content_hash'])
      .execute();
    await db.schema
      .createTable('mail_outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id'))
      .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('mail_outbox_due')
      .on('mail_outbox')
      .columns(['state', 'next_attempt_at'])
      .execute();
    await db.schema
      .createTable('mail_suppressions')
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('mailing_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_suppressions_pk', ['client_id', 'email'])
      .execute();
    await db.schema.alterTable('mailings').addColumn('owner', 'text').execute();
    await db.schema.alterTable('mailings').addColumn('lease_until', 'text').execute();
    await db.schema.alterTable('mailings').addColumn('next_attempt_at', 'text').execute();
  },
};

import type { Kysely, Migration } from 'kysely';

/**
 * Mail and calls (issue 9): mailboxes (settings only; the password is in the SecretStore under
 * `mailbox:<id>`), the intake checkpoint and the message ids it took (exactly once, Message-ID
 * dedupe after a new UIDVALIDITY), client mail rules and call settings, call messages waiting
 * for the client, daily digests, webhook replay memory, and promotional mailings per recipient.
 */
export const mailCallsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('mailboxes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('routes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('start_from', 'text', (c) => c.notNull().defaultTo('all'))
      .addColumn('health_state', 'text', (c) => c.notNull().defaultTo('starting'))
      .addColumn('health_reason', 'text')
      .addColumn('health_since', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('mail_checkpoints')
      .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id'))
      .addColumn('folder', 'text', (c) => c.notNull())
      .addColumn('uid_validity', 'text', (c) => c.notNull())
      .addColumn('last_uid', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_checkpoints_pk', ['mailbox_id', 'folder'])
      .execute();
    await db.schema
      .createTable('mail_messages')
      .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id'))
      .addColumn('uid_validity', 'text', (c) => c.notNull())
      .addColumn('uid', 'integer', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('thread_key', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
      .addColumn('folder', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('mail_messages_pk', ['mailbox_id', 'uid_validity', 'uid'])
      .execute();
    await db.schema
      .createIndex('mail_messages_message_id')
      .on('mail_messages')
      .columns(['mailbox_id', 'message_id'])
      .execute();
    await db.schema
      .createIndex('mail_messages_thread')
      .on('mail_messages')
      .columns(['thread_key'])
      .execute();
    await db.schema
      .createTable('client_mail_rules')
      .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
      .addColumn('rules', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('client_call_settings')
      .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id'))
      .addColumn('profile', 'text', (c) => c.notNull())
      .addColumn('delivery', 'text', (c) => c.notNull())
      .addColumn('notify_to', 'text')
      .addColumn('mailbox_id', 'text')
      .addColumn('lines', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('call_messages')
      .addColumn('task_id', 'text', (c) => c.primaryKey().references('tasks.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('at', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('digest_due', 'integer')
      .addColumn('sent_at', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema
      .createIndex('call_messages_waiting')
      .on('call_messages')
      .columns(['client_id', 'state', 'at'])
      .execute();
    await db.schema
      .createTable('call_digests')
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('due', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('call_digests_pk', ['client_id', 'due'])
      .execute();
    await db.schema
      .createTable('webhook_nonces')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('expires_at', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('mailings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('content_item_id', 'text', (c) => c.notNull().references('content_items.id'))
      .addColumn('mailbox_id', 'text', (c) => c.notNull().references('mailboxes.id'))
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('report', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('mailing_recipients')
      .addColumn('mailing_id', 'text', (c) => c.notNull().references('mailings.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('retryable', 'integer')
      .addColumn('detail', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('mailing_recipients_pk', ['mailing_id', 'email'])
      .execute();
  },
};

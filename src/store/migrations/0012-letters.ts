import type { Kysely, Migration } from 'kysely';

/**
 * Letters (issue 20).
 * - `letterheads`: a client's letterheads (several allowed); `settings` is JSON of
 *   letterheadInputSchema, logo and signature images inline as base64 (each at most 300 KB);
 * - `letter_templates`: recurring letters of a client (reminder, quote cover letter) with
 *   `{{field}}` placeholders in subject and body;
 * - `letter_register`: every letter that went out (mailed or posted), once per letter task,
 *   with the client's own number (`year` + `seq` are unique per client) and the exact PDF
 *   (base64) that was sent or printed, so the register shows what the recipient got;
 * - `letter_pdfs`: the latest PDF made of a letter (what the client approves and what goes out);
 * - `mail_outbox.stage`: how far a letter's hand-over got (`smtp` begun, `smtp-done`), so a
 *   process killed mid-send is taken over without sending twice (src/tasks/letters/send.ts).
 */
export const lettersMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('letterheads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('letter_templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('letter_pdfs')
      .addColumn('task_id', 'text', (c) => c.primaryKey().references('tasks.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('pdf', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('letter_register')
      .addColumn('task_id', 'text', (c) => c.primaryKey().references('tasks.id'))
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('dated', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('pdf', 'text', (c) => c.notNull())
      .addColumn('outbox_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('letter_register_number', ['client_id', 'year', 'seq'])
      .execute();
    await db.schema.alterTable('mail_outbox').addColumn('stage', 'text').execute();
  },
};

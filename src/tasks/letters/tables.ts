/**
 * The letter tables (migration 0012-letters), typed for Kysely beside the store's schema, as
 * the mail tables are (src/tasks/mail/tables.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/index.js';
import { mailDb, mailTrx, type MailDatabase } from '../mail/tables.js';

/** A client's letterhead; `settings` is JSON of letterheadInputSchema (images as base64). */
export interface LetterheadsTable {
  id: string;
  client_id: string;
  name: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

/** A recurring letter with `{{field}}` placeholders. */
export interface LetterTemplatesTable {
  id: string;
  client_id: string;
  name: string;
  subject: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/** The latest PDF of a letter task (base64), what the client approves and what goes out. */
export interface LetterPdfsTable {
  task_id: string;
  /** The task version it was made from. */
  version: number;
  pdf: string;
  created_at: string;
}

/** One letter that went out, numbered in the client's own way; `pdf` is base64. */
export interface LetterRegisterTable {
  task_id: string;
  client_id: string;
  year: number;
  seq: number;
  number: string;
  /** `email` or `post`. */
  method: string;
  /** The letter's date (`YYYY-MM-DD`, the client's day). */
  dated: string;
  recipient: string;
  email: string | null;
  subject: string;
  pdf: string;
  outbox_id: string | null;
  created_at: string;
}

/** The letter tables. */
export type LetterTables = {
  letterheads: LetterheadsTable;
  letter_templates: LetterTemplatesTable;
  letter_pdfs: LetterPdfsTable;
  letter_register: LetterRegisterTable;
};

/** The whole database with the mail and letter tables. */
export type LetterDatabase = MailDatabase & LetterTables;

/** The store's handle with the letter (and mail) tables typed. */
export function letterDb(db: Kysely<Database>): Kysely<LetterDatabase> {
  return mailDb(db).withTables<LetterTables>();
}

/** A transaction handle with the letter (and mail) tables typed. */
export function letterTrx(trx: Transaction<Database>): Transaction<LetterDatabase> {
  return mailTrx(trx).withTables<LetterTables>();
}

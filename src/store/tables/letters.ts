/** The letter tables (migration 0012-letters), part of the store's Database (../schema.ts). */

/** A client's letterhead; `settings` is JSON of letterheadInputSchema (images as base64). */
export interface LetterheadsTable {
  id: string;
  client_id: string;
  name: string;
  settings: string;
  created_at: string;
  updated_at: string;
  /** Set when she removed it after letters went out on it (migration 0020); hidden then. */
  archived_at: string | null;
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

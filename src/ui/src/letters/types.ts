// The letter shapes the screens use, copied from src/tasks/letters (the UI talks HTTP only).

/** A client's letterhead as listed (no image bytes). */
export interface Letterhead {
  id: string;
  clientId: string;
  name: string;
  language: 'cs' | 'en';
  dateFormat?: string;
  paper: 'A4' | 'Letter';
  addressLayout: 'din5008' | 'plain';
  typeface: 'sans' | 'serif';
  sender: string[];
  footer: string[];
  hasLogo: boolean;
  signature: { name: string; role?: string; hasImage: boolean };
  closing?: string;
  numbering: string;
}

/** A template of a recurring letter and its `{{fields}}`. */
export interface LetterTemplate {
  id: string;
  name: string;
  subject: string;
  body: string;
  fields: string[];
}

/** The recipient of a letter. */
export interface Recipient {
  name: string;
  address: string[];
  email?: string;
}

/** Where a letter stands with its client. */
export interface LetterApproval {
  state: 'waiting' | 'approved' | 'changes';
  round: number;
  sentAt: string;
  note?: string;
  decidedAt?: string;
  comment?: string;
}

/** How a letter went out. */
export interface LetterDelivery {
  method: 'email' | 'post';
  state: 'queued' | 'retrying' | 'sent' | 'unsure' | 'failed' | 'posted';
  number: string;
  at?: string;
  detail?: string;
  sentCopy?: boolean;
}

/** The details of a letter task. */
export interface LetterDetails {
  letterheadId: string;
  recipient: Recipient;
  subject: string;
  body: string;
  attachments: string[];
  dictation: string[];
  approvalWanted: boolean;
  approval?: LetterApproval;
  replyTo?: string;
  delivery?: LetterDelivery;
}

/** A letter task. */
export interface LetterTask {
  id: string;
  kind: 'letter';
  clientId: string;
  status: string;
  version: number;
  details: LetterDetails;
  createdAt: string;
  updatedAt: string;
}

/** One letter of the register. */
export interface RegisterEntry {
  taskId: string;
  number: string;
  method: 'email' | 'post';
  dated: string;
  recipient: string;
  email: string | null;
  subject: string;
}

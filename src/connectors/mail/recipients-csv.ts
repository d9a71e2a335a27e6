/**
 * Recipients of a mailing from a CSV of the client's customers (as Excel or a shop exports it:
 * comma or semicolon, quoted fields, a BOM). Bad addresses and duplicates are reported with
 * their line, never sent to.
 */
import { z } from 'zod';
import type { PromotionRecipient } from './promotion.js';

/** A line that is not sent to, and why. */
export interface RecipientProblem {
  /** 1-based line in the file. */
  line: number;
  value: string;
  problem: 'invalid' | 'duplicate' | 'missing';
  message: string;
}

/** What the CSV gave. */
export interface RecipientList {
  recipients: (PromotionRecipient & { line: number })[];
  problems: RecipientProblem[];
}

const emailSchema = z.email();

/** Splits CSV text into rows of fields (RFC 4180 quoting; `delimiter` one character). */
export function parseCsvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Reads recipients. The header row names an `email` (or `e-mail`, `mail`) column and optionally
 * `name`; without a header, the first column is the address and the second the name.
 */
export function parseRecipientsCsv(text: string): RecipientList {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = parseCsvRows(clean, delimiter);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  let emailCol = header.findIndex((h) => ['email', 'e-mail', 'mail', 'email address'].includes(h));
  let nameCol = header.findIndex((h) => ['name', 'full name', 'jméno', 'name surname'].includes(h));
  let start = 1;
  if (emailCol === -1) {
    emailCol = 0;
    nameCol = 1;
    start = 0;
  }
  const seen = new Map<string, number>();
  const result: RecipientList = { recipients: [], problems: [] };
  rows.forEach((cells, index) => {
    if (index < start) return;
    const line = index + 1;
    if (cells.every((c) => c.trim() === '')) return;
    const value = (cells[emailCol] ?? '').trim();
    if (value === '') {
      result.problems.push({
        line,
        value,
        problem: 'missing',
        message: `line ${line}: no e-mail address`,
      });
      return;
    }
    if (!emailSchema.safeParse(value).success) {
      result.problems.push({
        line,
        value,
        problem: 'invalid',
        message: `line ${line}: "${value}" is not an e-mail address`,
      });
      return;
    }
    const key = value.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      result.problems.push({
        line,
        value,
        problem: 'duplicate',
        message: `line ${line}: ${value} is already on line ${first}`,
      });
      return;
    }
    seen.set(key, line);
    const name = nameCol >= 0 ? cells[nameCol]?.trim() : undefined;
    result.recipients.push(name ? { email: key, name, line } : { email: key, line });
  });
  return result;
}

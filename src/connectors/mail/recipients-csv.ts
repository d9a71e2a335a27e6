/**
 * Recipients of a mailing from a CSV of the client's customers (as Excel or a shop exports it:
 * comma or semicolon, quoted fields, a BOM). Bad addresses and duplicates are reported with
 * their line, never sent to.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { PromotionRecipient } from './promotion-mail.js';

/** A line that is not sent to, and why. */
export interface RecipientProblem {
  /** 1-based line in the file. */
  line: number;
  value: string;
  /** `unreadable`: the file cannot be read from this line on (a quote never closed). */
  problem: 'invalid' | 'duplicate' | 'missing' | 'unreadable';
  message: string;
}

/** What the CSV gave. */
export interface RecipientList {
  recipients: (PromotionRecipient & { line: number })[];
  problems: RecipientProblem[];
}

const emailSchema = z.email();

/** One record of the file and the line it starts on (1-based, as an editor counts). */
interface CsvRow {
  cells: string[];
  line: number;
}

/**
 * Splits CSV text into records with csv-parse (RFC 4180 quoting; a quote inside an unquoted
 * field is kept as it is). Each record's first line is counted here from the bytes it spans:
 * csv-parse's own `info.lines` counts a CRLF inside a quoted field as two lines. A file that
 * cannot be read to its end (a quote never closed) keeps the records before the fault and
 * says on which line the unreadable record starts.
 */
function readCsvRows(text: string, delimiter: string): { rows: CsvRow[]; unreadableAt?: number } {
  const bytes = Buffer.from(text);
  const rows: CsvRow[] = [];
  let line = 1;
  let consumed = 0;
  try {
    parse(bytes, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (cells, info) => {
        rows.push({ cells, line });
        const spanned = bytes.subarray(consumed, info.bytes).toString();
        line += spanned.match(/\r\n|\r|\n/g)?.length ?? 0;
        consumed = info.bytes;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { rows, unreadableAt: line };
  }
  return { rows };
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
  const { rows, unreadableAt } = readCsvRows(clean, delimiter);
  const header = (rows[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
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
  rows.forEach(({ cells, line }, index) => {
    if (index < start) return;
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
  if (unreadableAt !== undefined) {
    result.problems.push({
      line: unreadableAt,
      value: '',
      problem: 'unreadable',
      message: `line ${unreadableAt}: a quoted field is not closed; the lines from here on were not read`,
    });
  }
  return result;
}

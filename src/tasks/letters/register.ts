/**
 * The register of letters that went out, per client: number in the client's own pattern
 * (`2026/014`), date, recipient, subject, how it went (e-mail or post) and the exact PDF.
 * Numbers run per client and calendar year of the letter's date; the unique key
 * (client, year, seq) makes two letters with one number impossible even across processes.
 */
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { parseInput } from '../validate.js';
import { type LetterRegisterTable } from '../../store/tables/letters.js';

/** The number `seq` of `year` written in `pattern` (`{yyyy}`, `{yy}`, `{n}`…`{nnnnnn}`). */
export function formatNumber(pattern: string, year: number, seq: number): string {
  return pattern
    .replace('{yyyy}', String(year))
    .replace('{yy}', String(year % 100).padStart(2, '0'))
    .replace(/\{(n+)\}/, (_, ns: string) => String(seq).padStart(ns.length, '0'));
}

/** The next free number of `clientId` in `year` (inside the transaction that records it). */
export async function nextNumber(
  trx: Transaction<Database>,
  clientId: string,
  year: number,
  pattern: string,
): Promise<{ seq: number; number: string }> {
  const row = await trx
    .selectFrom('letter_register')
    .select(({ fn }) => fn.max('seq').as('last'))
    .where('client_id', '=', clientId)
    .where('year', '=', year)
    .executeTakeFirst();
  const seq = Number(row?.last ?? 0) + 1;
  return { seq, number: formatNumber(pattern, year, seq) };
}

/** One entry of the register (without the PDF's bytes). */
export interface RegisterEntry {
  taskId: string;
  clientId: string;
  number: string;
  method: 'email' | 'post';
  dated: string;
  recipient: string;
  email: string | null;
  subject: string;
  createdAt: string;
}

const entry = (row: Omit<LetterRegisterTable, 'pdf'>): RegisterEntry => ({
  taskId: row.task_id,
  clientId: row.client_id,
  number: row.number,
  method: row.method as RegisterEntry['method'],
  dated: row.dated,
  recipient: row.recipient,
  email: row.email,
  subject: row.subject,
  createdAt: row.created_at,
});

/** Filter of the register: text found in number, recipient, e-mail or subject; a year. */
export const registerQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  year: z.coerce.number().int().min(1900).max(9999).optional(),
});
export type RegisterQuery = z.input<typeof registerQuerySchema>;

/** The register of `clientId`, newest number first. */
export async function listRegister(
  deps: Pick<ServiceDeps, 'db'>,
  clientId: string,
  query: RegisterQuery = {},
): Promise<RegisterEntry[]> {
  const filter = parseInput(registerQuerySchema, query, 'register query');
  let select = deps.db
    .selectFrom('letter_register')
    .select([
      'task_id',
      'client_id',
      'year',
      'seq',
      'number',
      'method',
      'dated',
      'recipient',
      'email',
      'subject',
      'outbox_id',
      'created_at',
    ])
    .where('client_id', '=', clientId);
  if (filter.year !== undefined) select = select.where('year', '=', filter.year);
  if (filter.q) {
    // LIKE with escaped wildcards: what she types is looked for as typed.
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) =>
      eb.or(
        (['number', 'recipient', 'email', 'subject'] as const).map(
          (column) =>
            sql<boolean>`lower(${sql.ref(column)}) like ${like.toLowerCase()} escape '\\'`,
        ),
      ),
    );
  }
  const rows = await select.orderBy('year', 'desc').orderBy('seq', 'desc').execute();
  return rows.map(entry);
}

/** The PDF that went out with register entry `taskId`. */
export async function registerPdf(
  deps: Pick<ServiceDeps, 'db'>,
  taskId: string,
): Promise<Buffer | undefined> {
  const row = await deps.db
    .selectFrom('letter_register')
    .select('pdf')
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return row && Buffer.from(row.pdf, 'base64');
}

const csvCell = (value: string): string => {
  // A leading =, +, - or @ would be run as a formula by a spreadsheet: quote it as text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The register as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read the diacritics). */
export function registerCsv(entries: RegisterEntry[]): string {
  const head = ['number', 'date', 'method', 'recipient', 'email', 'subject'];
  const lines = entries.map((e) =>
    [e.number, e.dated, e.method, e.recipient, e.email ?? '', e.subject].map(csvCell).join(','),
  );
  return `\ufeff${[head.join(','), ...lines].join('\r\n')}\r\n`;
}

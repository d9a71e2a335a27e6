/** The register's numbers in the client's pattern and its CSV, as a spreadsheet will read it. */
import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  registerCsv,
  type RegisterEntry,
} from '../../../../src/tasks/letters/register.js';

const entry = (over: Partial<RegisterEntry>): RegisterEntry => ({
  taskId: 't',
  clientId: 'c',
  number: '2026/001',
  method: 'email',
  dated: '2026-12-05',
  recipient: 'Ing. Jana Dvořáková',
  email: 'jana@example.org',
  subject: 'Potvrzení',
  createdAt: '2026-12-05T10:00:00.000Z',
  ...over,
});

describe('letter register', () => {
  it('writes numbers in the client’s pattern', () => {
    expect(formatNumber('{yyyy}/{nnn}', 2026, 14)).toBe('2026/014');
    expect(formatNumber('KP-{yy}-{nnnn}', 2026, 7)).toBe('KP-26-0007');
    expect(formatNumber('{n}', 2026, 1234)).toBe('1234');
  });

  it('exports CSV with a BOM, quoting commas and quotes, and formulas as text', () => {
    const csv = registerCsv([
      entry({ subject: 'Nabídka, "nová"' }),
      entry({ number: '2026/002', method: 'post', email: null, recipient: '=HYPERLINK("x")' }),
    ]);
    expect(csv.split('\r\n')).toEqual([
      '\ufeffnumber,date,method,recipient,email,subject',
      '2026/001,2026-12-05,email,Ing. Jana Dvořáková,jana@example.org,"Nabídka, ""nová"""',
      `2026/002,2026-12-05,post,"'=HYPERLINK(""x"")",,Potvrzení`,
      '',
    ]);
  });
});

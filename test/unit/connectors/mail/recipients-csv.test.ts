import { describe, expect, it } from 'vitest';
import { parseRecipientsCsv } from '../../../../src/connectors/mail/recipients-csv.js';

describe('recipients CSV', () => {
  it('parses quotes, doubled quotes, delimiters and every kind of line end', () => {
    const list = parseRecipientsCsv('a@x.example,"Novák, ""Bob"""\r\nb@x.example,x\rc@x.example\n');
    expect(list.recipients).toEqual([
      { email: 'a@x.example', name: 'Novák, "Bob"', line: 1 },
      { email: 'b@x.example', name: 'x', line: 2 },
      { email: 'c@x.example', line: 3 },
    ]);
  });

  it('names the right line after a quoted field that spans lines (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = [
        'email;name;note',
        'anna@x.example;Anna;"Likes the',
        'Sunday menu"',
        'not-an-address;Bob;',
        '',
        'anna@x.example;Anna again;',
        'cyril@x.example;"Cyril',
        '',
        'Dvořák";',
        ';Nobody;',
      ].join(eol);
      const list = parseRecipientsCsv(`\uFEFF${text}${eol}`);
      expect(list.recipients).toEqual([
        { email: 'anna@x.example', name: 'Anna', line: 2 },
        { email: 'cyril@x.example', name: `Cyril${eol}${eol}Dvořák`, line: 7 },
      ]);
      expect(list.problems.map((p) => p.message)).toEqual([
        'line 4: "not-an-address" is not an e-mail address',
        'line 6: anna@x.example is already on line 2',
        'line 10: no e-mail address',
      ]);
    }
  });

  it('keeps what it read before a quote that is never closed, and names the line it opened on', () => {
    const list = parseRecipientsCsv('a@x.example,Anna\nb@x.example,"Bob\nc@x.example,Cyril\n');
    expect(list.recipients).toEqual([{ email: 'a@x.example', name: 'Anna', line: 1 }]);
    expect(list.problems).toEqual([
      {
        line: 2,
        value: '',
        problem: 'unreadable',
        message: 'line 2: a quoted field is not closed; the lines from here on were not read',
      },
    ]);
  });

  it('reads a file without a header: address first, name second', () => {
    const list = parseRecipientsCsv(
      'a@x.example,Anna\nB@X.example,"Novák, Bob"\nb@x.example,again\n',
    );
    expect(list.recipients).toEqual([
      { email: 'a@x.example', name: 'Anna', line: 1 },
      { email: 'b@x.example', name: 'Novák, Bob', line: 2 },
    ]);
    expect(list.problems).toEqual([
      {
        line: 3,
        value: 'b@x.example',
        problem: 'duplicate',
        message: 'line 3: b@x.example is already on line 2',
      },
    ]);
  });
});

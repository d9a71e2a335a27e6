import { describe, expect, it } from 'vitest';
import { compilePromotion, markdownToText } from '../../../../src/connectors/mail/promotion.js';
import { parseRecipientsCsv } from '../../../../src/connectors/mail/recipients-csv.js';

const from = { address: 'shop@bakery.example', name: 'Bakery' };
const unsubscribeUrl = (e: string) => `https://bakery.example/u?e=${encodeURIComponent(e)}`;

describe('promotion compile', () => {
  it('reports images without a source or URL, a non-HTTPS unsubscribe link and a bad page link', () => {
    const content = {
      title: 'T',
      markdown: '![a](a.png) ![b](https://cdn.example/b.png)',
      pageUrl: 'bakery.example/x',
    };
    expect(
      compilePromotion(content, {
        from,
        images: 'inline',
        unsubscribeUrl: () => 'http://u.example',
      }).problems,
    ).toEqual([
      'image "a.png" is referenced but not supplied',
      'the unsubscribe URL must be https:// (RFC 8058 one-click unsubscribe requires it)',
      'the page link "bakery.example/x" is not a web address',
    ]);
    const linked = compilePromotion(
      { ...content, pageUrl: 'https://bakery.example/x' },
      {
        from,
        images: 'linked',
        imageUrls: { 'a.png': 'https://bakery.example/media/a.png' },
        unsubscribeUrl,
      },
    );
    expect(linked.problems).toEqual([]);
    const mail = linked.forRecipient({ email: 'c@d.example', name: 'C' });
    expect(mail.html).toContain('src="https://bakery.example/media/a.png"');
    expect(mail.html).toContain('src="https://cdn.example/b.png"');
    expect(mail.attachments).toEqual([]);
    expect(mail.headers?.['List-Unsubscribe']).toBe('<https://bakery.example/u?e=c%40d.example>');
  });

  it('escapes the title and strips unsafe HTML from the body', () => {
    const mail = compilePromotion(
      {
        title: 'A <b> & "c"',
        markdown: 'hi <script>alert(1)</script>',
        pageUrl: 'https://b.example',
      },
      { from, images: 'inline', unsubscribeUrl },
    ).forRecipient({ email: 'x@y.example' });
    expect(mail.html).toContain('<h1>A &lt;b&gt; &amp; &quot;c&quot;</h1>');
    expect(mail.html).not.toContain('<script>');
  });

  it('turns Markdown into readable text', () => {
    expect(
      markdownToText('# Sale\n\n**Big** ![pic](p.png) see [menu](https://m.example "t")'),
    ).toBe('Sale\n\nBig [pic] see menu (https://m.example)');
  });
});

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

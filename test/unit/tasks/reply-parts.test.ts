import { describe, expect, it } from 'vitest';
import { markdownToPlain, quoteHeadFor, replyParts } from '../../../src/tasks/mail/reply-parts.js';

const parent = {
  from: [{ name: 'Jana', address: 'jana@example.org' }],
  date: new Date('2026-07-01T08:15:00Z'),
};

describe('the parts of a reply written in Markdown', () => {
  it('writes the quote line in the client’s zone and language', () => {
    const en = quoteHeadFor(parent, { timezone: 'America/New_York', languages: ['en-US'] });
    expect(en).toMatch(/^On .*04:15.*, Jana <jana@example\.org> wrote:$/);
    const cs = quoteHeadFor(parent, { timezone: 'Europe/Prague', languages: ['cs'] });
    expect(cs).toBe('Dne 1. 7. 2026 10:15 SELČ napsal(a) Jana <jana@example.org>:');
    expect(quoteHeadFor({ ...parent, date: undefined }, { timezone: 'UTC', languages: [] })).toBe(
      'Jana <jana@example.org> wrote:',
    );
  });

  it('makes plain text of the same Markdown: no stars, links spelled out, escapes undone', () => {
    expect(
      markdownToPlain(
        'We are **open** on *Friday*, see [the menu](https://a.example/m).\n\n5 \\* 3',
      ),
    ).toBe('We are open on Friday, see the menu (https://a.example/m).\n\n5 * 3');
  });

  it('renders HTML as for the sites and puts the signature, escaped, under both parts', () => {
    const parts = replyParts('Hi **there** <img src=x onerror=alert(1)>', parent, {
      timezone: 'UTC',
      languages: ['en'],
      signature: 'Shop <b>Nowak</b>\nMain St 1',
    });
    expect(parts.html).toContain('<strong>there</strong>');
    expect(parts.html).not.toMatch(/onerror/);
    expect(parts.html).toContain('Shop &lt;b&gt;Nowak&lt;/b&gt;<br>\nMain St 1');
    expect(parts.text).toMatch(/^Hi there .*\n\n-- \nShop <b>Nowak<\/b>\nMain St 1$/s);
  });
});

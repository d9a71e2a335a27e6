import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { sanitizeMarkdownSource } from '../../../src/content/markdown-source.js';
import { unsafeParts } from './safety.js';
import { XSS_PAYLOADS } from './xss-corpus.js';

// A site generator that passes raw HTML through, as Jekyll's kramdown and Eleventy's
// markdown-it (html: true) do: what sanitizeMarkdownSource leaves must be safe even there.
const passThrough = new Marked({ gfm: true, async: false });
const generate = (markdown: string): string => passThrough.parse(markdown, { async: false });

const CONTEXTS: ReadonlyArray<[string, (payload: string) => string]> = [
  ['alone', (p) => p],
  ['between paragraphs', (p) => `Opening hours below.\n\n${p}\n\nSee you!`],
  ['inside a sentence', (p) => `Today ${p} only.`],
  ['in a list item', (p) => `- first\n- ${p}`],
  ['in a quote', (p) => `> ${p}`],
  ['in a table cell', (p) => `| day | offer |\n|---|---|\n| Mon | ${p} |`],
  ['as a link text', (p) => `[${p}](https://example.cz/)`],
  ['with CRLF line ends', (p) => `Hello\r\n\r\n${p}\r\n`],
];

describe('sanitizeMarkdownSource', () => {
  it('the generator stand-in really passes unsafe HTML through (so a clean result means something)', () => {
    expect(unsafeParts(generate('<img src=x onerror=alert(1)> [a](javascript:alert(1))'))).toEqual([
      'event handler onerror on <img>',
      'href="javascript:alert(1)" on <a>',
    ]);
  });

  it.each(XSS_PAYLOADS.map((payload) => [payload]))(
    'neutralises %s for the generator',
    (payload) => {
      for (const [context, wrap] of CONTEXTS) {
        const markdown = sanitizeMarkdownSource(wrap(payload));
        expect(unsafeParts(generate(markdown)), `${context}: ${markdown}`).toEqual([]);
      }
    },
  );

  it('leaves safe Markdown byte for byte, code included', () => {
    const markdown = [
      '# Menu of the day',
      '',
      'Soup **of the day** & <strong>bread</strong>, see [us](https://example.cz/ "Bakery").',
      '',
      '`<script>alert(1)</script>` is how *not* to write it:',
      '',
      '```html',
      '<script>alert(1)</script>',
      '```',
      '',
      '| a | b |',
      '|---|---|',
      '| <em>1</em> | ![cake](cake.jpg) |',
      '',
      '[ref]: https://example.cz/ref',
      '',
    ].join('\n');
    expect(sanitizeMarkdownSource(markdown)).toBe(markdown);
    expect(sanitizeMarkdownSource('Line one\r\nLine two\r\n')).toBe('Line one\r\nLine two\r\n');
  });

  it('edits only the unsafe pieces', () => {
    expect(sanitizeMarkdownSource('Hi <b onclick="x()">bold</b> and *more*.')).toBe(
      'Hi <b>bold</b> and *more*.',
    );
    expect(sanitizeMarkdownSource('Call [us](javascript:alert(1)) today.')).toBe('Call us today.');
    expect(sanitizeMarkdownSource('Price <script>alert(1)</script> 10 €')).toBe('Price  10 €');
    expect(sanitizeMarkdownSource('A\n\n[r]: javascript:alert(3)\n\nB [x][r]')).toBe(
      'A\n\n\n\nB x',
    );
    // A block element the sites do not get is unwrapped; its text stays.
    expect(sanitizeMarkdownSource('<div onclick="x">\nText\n</div>\n\nAfter')).toBe(
      '\nText\n\n\nAfter',
    );
    // Joined pieces are checked again: no new tag can form from what was removed.
    expect(sanitizeMarkdownSource('<scr<script>ipt>alert(1)</scr</script>ipt>')).not.toMatch(
      /<script/i,
    );
  });

  it('breaks template tags the generators would run, in text and in code', () => {
    const markdown = [
      "Liquid: {{ '%3Cimg src=x onerror=alert(1)%3E' | url_decode }} {% include x.html %}",
      '',
      'IAL: ![shop](https://example.cz/a.png){: onerror="alert(2)"} {::nomarkdown}x{:/}',
      '',
      '`{{< figure link="javascript:alert(3)" >}}`',
      '',
      '```',
      '{{% raw %}}',
      '```',
      '',
    ].join('\n');
    const safe = sanitizeMarkdownSource(markdown);
    expect(safe).not.toMatch(/\{[{%:]/);
    expect(safe).toContain("Liquid: &#123;{ '%3Cimg");
    expect(safe).toContain('&#123;% include x.html %}');
    expect(safe).toContain('&#123;: onerror');
    // In code an entity would show as typed: a zero-width space breaks the tag instead.
    expect(safe).toContain('`{\u200b{< figure');
    expect(safe).toContain('```\n{\u200b{\u200b% raw %}}\n```');
    // Single braces are text, as written.
    expect(sanitizeMarkdownSource('Prices {from} 10 €')).toBe('Prices {from} 10 €');
  });
});

import { gfm } from './markdown.js';

/**
 * Static-site generators run a template language over a post's Markdown before (or while)
 * rendering it: Jekyll and Eleventy run Liquid (`{{ … }}`, `{% … %}`), Hugo runs shortcodes
 * (`{{< … >}}`, `{{% … %}}`) — inside code blocks too — and Jekyll's kramdown reads attribute
 * lists and extensions (`{: onerror="…"}`, `{::nomarkdown}`). Each can make HTML that no
 * sanitizer saw (a Liquid `url_decode`, a `figure` shortcode with a `javascript:` link), so the
 * opening `{` of such a sequence is written so that no generator reads it: `&#123;` in text
 * (it still shows as `{`), and `{` plus a zero-width space in code, where an entity would show
 * as typed. Everything else stays as written.
 */
export function neutraliseTemplateTags(markdown: string): string {
  if (!OPENERS.test(markdown)) return markdown;
  // marked reads CRLF as LF; the code it reports then matches only LF text.
  const source = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  const code = codeRanges(source);
  let out = '';
  let cursor = 0;
  for (const [start, end] of [...code, [source.length, source.length] as const]) {
    out += source.slice(cursor, start).replace(OPENERS_ALL, '&#123;');
    out += source.slice(start, end).replace(OPENERS_ALL, '{\u200b');
    cursor = end;
  }
  return out;
}

const OPENERS = /\{[{%:]/;
const OPENERS_ALL = /\{(?=[{%:])/g;

/** Start and end of each code span and code block, in document order. */
function codeRanges(source: string): [number, number][] {
  const raws: string[] = [];
  gfm.walkTokens(gfm.lexer(source), (token) => {
    if (token.type === 'code' || token.type === 'codespan') raws.push(token.raw);
  });
  const ranges: [number, number][] = [];
  let cursor = 0;
  for (const raw of raws) {
    const at = source.indexOf(raw, cursor);
    // Not found cannot happen with marked's own raw text; treating it as text is the safe side.
    if (at < 0) continue;
    ranges.push([at, at + raw.length]);
    cursor = at + raw.length;
  }
  return ranges;
}

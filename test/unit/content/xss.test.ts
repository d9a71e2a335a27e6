import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/content/markdown.js';
import { sanitizeContentHtml } from '../../../src/content/sanitize.js';
import { unsafeParts } from './safety.js';
import { XSS_PAYLOADS } from './xss-corpus.js';

// Each payload in several places: alone, between paragraphs, inside a list item and a
// quote (Markdown), and as raw HTML straight into the sanitizer.
const CONTEXTS: ReadonlyArray<[string, (payload: string) => string]> = [
  ['markdown', (p) => renderMarkdown(p)],
  [
    'markdown between paragraphs',
    (p) => renderMarkdown(`Opening hours below.\n\n${p}\n\nSee you!`),
  ],
  ['markdown in a list item', (p) => renderMarkdown(`- first\n- ${p}`)],
  ['markdown in a quote', (p) => renderMarkdown(`> ${p}`)],
  ['raw html', (p) => sanitizeContentHtml(p)],
  ['raw html in a paragraph', (p) => sanitizeContentHtml(`<p>before ${p} after</p>`)],
];

describe('the safety check itself', () => {
  it('flags what it must flag (so a clean result below means something)', () => {
    const unsafe =
      '<script>x</script><img src="jav&#x09;ascript:alert(1)" onerror="x" style="a">' +
      '<a href=" data:text/html,x">a</a><iframe src="https://evil.example/embed/x"></iframe>' +
      '<form action="vbscript:x"></form>';
    expect(unsafeParts(unsafe)).toEqual([
      'tag <script>',
      'src="jav\tascript:alert(1)" on <img>',
      'event handler onerror on <img>',
      'style attribute on <img>',
      'href=" data:text/html,x" on <a>',
      'iframe from "https://evil.example/embed/x"',
      'tag <form>',
      'action="vbscript:x" on <form>',
    ]);
  });
});

describe('XSS corpus', () => {
  it('has at least 40 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(XSS_PAYLOADS.map((payload) => [payload]))('neutralises %s', (payload) => {
    for (const [context, render] of CONTEXTS) {
      const html = render(payload);
      expect(unsafeParts(html), `${context}: ${html}`).toEqual([]);
      // Defence in depth against the parser disagreeing with itself: whatever came out
      // must also survive a second pass unchanged in safety.
      expect(unsafeParts(sanitizeContentHtml(html)), `${context} (second pass)`).toEqual([]);
    }
  });

  it('keeps the harmless text around a payload', () => {
    const html = renderMarkdown(
      'Hello <script>alert(1)</script> **world** <img src=x onerror=alert(1)>',
    );
    expect(html).toContain('Hello');
    expect(html).toContain('<strong>world</strong>');
    expect(html).not.toContain('alert');
  });

  it('drops the content of script-like tags, not only the tags', () => {
    for (const payload of [
      '<script>alert(1)</script>',
      '<style>p{}</style>',
      '<template>t</template>',
    ]) {
      expect(sanitizeContentHtml(`<p>a${payload}b</p>`)).toBe('<p>ab</p>');
    }
  });

  it('turns a markdown javascript: link into plain text with no href', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p><a>x</a></p>\n');
  });

  it('does not allow data: images (sites get real uploaded images)', () => {
    expect(sanitizeContentHtml('<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">')).toBe(
      '',
    );
  });
});

/**
 * Markdown → editor → Markdown (src/ui/src/editor/markdown.ts), run in the real Lexical editor,
 * headless. Markdown stays the stored format, so:
 * - what sitedesk itself writes (the editor's own output, the texts and templates the app and
 *   tests make) comes back byte for byte;
 * - anything else in the allowed set (tables, code, HTML, region markers, other spellings of the
 *   same formatting) comes back so that the sites show exactly the same page: the HTML that
 *   src/content renders for the sites is equal before and after, and raw parts stay verbatim;
 * - a second trip changes nothing (the editor's output is its own fixed point).
 */
import { createHeadlessEditor } from '@lexical/headless';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/content/markdown.js';
import {
  $exportMarkdown,
  $importMarkdown,
  editorNodes,
} from '../../../src/ui/src/editor/markdown.js';

function roundTrip(markdown: string): string {
  const editor = createHeadlessEditor({
    nodes: editorNodes,
    onError: (err) => {
      throw err;
    },
  });
  editor.update(() => $importMarkdown(markdown), { discrete: true });
  return editor.getEditorState().read(() => $exportMarkdown(markdown));
}

/** Texts as sitedesk writes them: each must come back byte for byte. */
const written: Record<string, string> = {
  'one line': 'Open daily from 7 to 19.',
  'bold in a sentence': 'Open **24 December** until noon.',
  'a template with tags': 'This week: {{text}}',
  'a request with its image (as the Write screen puts it in)':
    'Please put our spring menu on the website.\n\n![menu](menu-k2x9q1.png)\n',
  'the formatting the toolbar makes': [
    '## Friday special',
    '',
    'We are **open** on *Friday*, see [the menu](https://example.com/menu).',
    '',
    '### What is new',
    '',
    '- soup of the day',
    '- **fresh** bread',
    '- [our cakes](https://example.com/cakes?x=1&y=2)',
    '',
    '1. order',
    '2. pay',
    '3. enjoy',
    '',
    '> The best bakery in town.',
    '',
    '![A cake with cherries](cake-a1b2c3.jpg)',
  ].join('\n'),
  'Czech text with diacritics and typographic quotes':
    '## Vánoční otevírací doba\n\nNa **Štědrý den** máme otevřeno do poledne. „Těšíme se“ – *Pekárna U Jany*.',
  'a region with its markers and text between': [
    '## Opening hours',
    '',
    '<!-- sitedesk:hours -->',
    'Mon–Fri 9–17, Sat 9–12',
    '<!-- /sitedesk:hours -->',
    '',
    'Call us first.',
  ].join('\n'),
  'a table kept as written': [
    'Prices:',
    '',
    '| Item | Price |',
    '|------|------:|',
    '| Soup | 45 Kč |',
    '| Cake | 60 Kč |',
    '',
    'Thank you.',
  ].join('\n'),
  'a code block and inline code':
    'Use `{{date}}` in a title.\n\n```yaml\ntitle: Menu\ndraft: false\n```',
  'an HTML block': '<div class="note">\n<p>Closed on Monday</p>\n</div>\n\nSee you.',
  'a nested list': '- bread\n    - rye\n    - wheat\n- cakes',
  'a line break inside a paragraph': 'Pekárna U Jany\nHlavní 12\nPraha',
  'stars and underscores as characters, as the editor writes them':
    'Prices from 5 \\* 3 CZK; 2 < 3; a\\_b\\_c; 100 % fresh.',
  strikethrough: 'Now ~~60~~ 45 CZK.',
  'mail-like signature': 'Thank you.\n\n-- \nJana, Pekárna U Jany\n',
};

/** Other spellings and constructs: the sites must show the same page. */
const allowed: Record<string, string> = {
  // Lexical writes a star or underscore that is not formatting with a backslash before it.
  'stars and underscores as characters': 'Prices from 5 * 3 CZK; a_b_c; 2*3*4.',
  'underscores for emphasis': 'We are __open__ on _Friday_.',
  'star list markers and 2-space nesting': '* soup\n* bread\n  * rye',
  'a setext heading': 'Menu\n====\n\nSoup.',
  'a table without outer pipes': 'a | b\n--|--\n1 | 2',
  'a region inline in a sentence':
    'Open <!-- sitedesk:hours -->9–17<!-- /sitedesk:hours --> every day.',
  'a multi-line comment': '<!--\nnote for the secretary\n-->\n\nText.',
  'a link with a title': 'See [menu](https://example.com/menu "Our menu").',
  'an autolink': 'Mail <hello@example.com> or <https://example.com>.',
  'a code fence with tildes': '~~~\nplain code\n~~~',
  'CRLF line endings': 'Line one.\r\n\r\nLine two.',
  'a trailing newline and blank lines between': 'One.\n\n\n\nTwo.\n',
};

describe('what sitedesk writes comes back byte for byte', () => {
  it.each(Object.entries(written))('%s', (_name, markdown) => {
    expect(roundTrip(markdown)).toBe(markdown);
  });
});

describe('the allowed set: the sites show the same page after the editor', () => {
  it.each(Object.entries({ ...written, ...allowed }))('%s', (_name, markdown) => {
    const once = roundTrip(markdown);
    expect(renderMarkdown(once)).toBe(renderMarkdown(markdown.replace(/\r\n/g, '\n')));
    expect(roundTrip(once)).toBe(once);
  });

  it('keeps tables, HTML and region markers verbatim', () => {
    const raw = [
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '<!-- sitedesk:hours -->',
      '<!-- /sitedesk:hours -->',
      '<div class="note">\n<p>Closed</p>\n</div>',
    ];
    const out = roundTrip(`Intro.\n\n${raw.join('\n\nText.\n\n')}\n`);
    for (const piece of raw) expect(out).toContain(piece);
  });
});

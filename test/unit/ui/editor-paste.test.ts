/**
 * Pasting (src/ui/src/editor/paste.ts) the HTML that Word, Google Docs, LibreOffice and a web
 * page put on the clipboard (test/fixtures/clipboard/), into the real Lexical editor, headless,
 * with linkedom as the DOM: headings, bold, italic, lists, links and quotes arrive; fonts,
 * colours, spans, comments, Word's hidden bullets and tracking images do not. The Markdown that
 * comes out is what the sites get. The same fixtures are pasted in Chromium by
 * test/e2e/editor.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $getRoot } from 'lexical';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';

const FIXTURES = join(import.meta.dirname, '../../fixtures/clipboard');
const fixture = (name: string): string => readFileSync(join(FIXTURES, `${name}.html`), 'utf8');

// The editor's code runs in a browser; linkedom gives it DOMParser and document here.
beforeAll(() => {
  const { window } = parseHTML('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { DOMParser: window.DOMParser, document: window.document });
});

async function paste(html: string): Promise<string> {
  const { editorNodes, $exportMarkdown } = await import('../../../src/ui/src/editor/markdown.js');
  const { $pasteHtml } = await import('../../../src/ui/src/editor/paste.js');
  const editor = createHeadlessEditor({
    nodes: editorNodes,
    onError: (err) => {
      throw err;
    },
  });
  let pasted = false;
  editor.update(
    () => {
      const p = $createParagraphNode();
      $getRoot().clear().append(p);
      p.select();
      pasted = $pasteHtml(editor, html);
    },
    { discrete: true },
  );
  expect(pasted).toBe(true);
  return editor.getEditorState().read(() => $exportMarkdown());
}

const expected: Record<string, string> = {
  word: [
    '## Christmas opening hours',
    '',
    'We are **open on 24 December** until noon and *closed* on 25 and 26 December. Order your cakes early on [our order page](https://bakery.example/order).',
    '',
    '- Poppy seed strudel',
    '- **Vánočka** (Christmas bread)',
    '- Linzer cookies',
    '',
    '## How to order',
    '',
    '1. Call us',
    '2. Pick up before noon',
    '',
    'Thank you!',
  ].join('\n'),
  'google-docs': [
    '## Spring menu',
    '',
    'From Monday we bake **wild garlic bread** and *rhubarb cake*. See [the spring menu](https://bakery.example/spring).',
    '',
    '- Wild garlic bread',
    '- **Rhubarb** cake',
    '',
    '1. Order by Friday',
    '2. Pick up on Saturday',
    '',
    'Jana',
  ].join('\n'),
  libreoffice: [
    '## Letní provoz',
    '',
    'Od 1. července máme otevřeno **denně od 7 do 19** a v neděli *do poledne*. Více na [naší stránce](https://pekarna.example/leto).',
    '',
    '- zmrzlina',
    '- ledová káva',
    '',
    '1. objednejte',
    '2. vyzvedněte',
    '',
    'Těšíme se!',
  ].join('\n'),
  'web-page': [
    '## Autumn at the bakery',
    '',
    'Pumpkin pie is back. **Every Friday** we also bake *apple strudel* — [see all autumn cakes](https://bakery.example/autumn?utm_source=newsletter&utm_medium=email).',
    '',
    '- Pumpkin pie',
    '- Apple strudel',
    '',
    '> The best strudel in Prague.',
    '',
    'Order now',
  ].join('\n'),
};

describe('pasting from other programs keeps the formatting Markdown has, and only that', () => {
  it.each(Object.keys(expected))('%s', async (name) => {
    const markdown = await paste(fixture(name));
    expect(markdown).toBe(expected[name]);
    // Nothing of the source's styling, markup or tracking slips through as text either.
    expect(markdown).not.toMatch(
      /<|font|color|mso|style|span|docs-internal|\.gif|supportLists|JN1/i,
    );
  });

  it('the fixtures do hold what must be dropped (so the test above can fail)', () => {
    expect(fixture('word')).toMatch(
      /mso-list:Ignore[\s\S]*<o:p><\/o:p>[\s\S]*<!\[if !supportLists\]>/,
    );
    expect(fixture('word')).toContain('msocomanchor');
    expect(fixture('google-docs')).toMatch(
      /<b style="font-weight:normal;" id="docs-internal-guid-/,
    );
    expect(fixture('google-docs')).toMatch(/<img src="https:\/\/[^"]+" width="1" height="1"/);
    expect(fixture('libreoffice')).toMatch(/<meta name="generator" content="LibreOffice[^"]*"/);
    expect(fixture('libreoffice')).toMatch(/<font face=/);
    expect(fixture('web-page')).toMatch(
      /<img src="https:\/\/pixel\.tracker\.example[^>]+width="1"/,
    );
    expect(fixture('web-page')).toContain('<script>');
  });

  it('a link to a script is pasted as its text only', async () => {
    const markdown = await paste('<p>Click <a href="javascript:alert(1)">here</a> now</p>');
    expect(markdown).toBe('Click here now');
  });
});

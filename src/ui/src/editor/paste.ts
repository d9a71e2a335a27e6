/**
 * Pasting from Word, Google Docs, LibreOffice and web pages: headings, bold, italic, lists,
 * links, quotes and paragraphs are kept; everything else (fonts, colours, sizes, spans, classes,
 * comments, Word's hidden list bullets, tracking images, scripts) is dropped before Lexical sees
 * the HTML, so what lands in the text is only what Markdown can say and the sites will show.
 * Fixtures of the real clipboard markup: test/fixtures/clipboard/.
 */
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $generateNodesFromDOM } from '@lexical/html';
import { $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';

/** Elements kept (renamed to the left-hand tag); any other element is replaced by its content. */
const KEEP: Record<string, string> = {
  p: 'p',
  h1: 'h2', // the page's title is the only h1: a pasted main heading becomes a section heading
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h5',
  h6: 'h6',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  blockquote: 'blockquote',
  a: 'a',
  br: 'br',
  pre: 'pre',
  code: 'code',
};

/** Dropped with everything inside (what is no text of hers: scripts, images, Word's XML). */
const DROP = new Set([
  'script',
  'style',
  'head',
  'title',
  'meta',
  'link',
  'img',
  'picture',
  'svg',
  'video',
  'audio',
  'iframe',
  'object',
  'template',
  'xml',
]);

const SAFE_HREF = /^(https?:|mailto:|tel:)/i;

/**
 * The app's Content-Security-Policy forbids inline styles and event handlers, also in a
 * document made by DOMParser: each style attribute, <style> or `onmouseover` (Word puts them on
 * comment anchors) of the clipboard would log a violation. Styles are only read here (bold,
 * italic, Word's lists), so inside each tag `style=` becomes `data-style=` and `on…=` becomes
 * `data-on…=` before parsing, and <style> blocks go. Text between tags is not touched.
 */
function inertMarkup(html: string): string {
  return html
    .replace(/<style[\s>][\s\S]*?<\/style>/gi, '')
    .replace(/<[A-Za-z][^<>]*>/g, (tag) =>
      tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, '$1data-$2$3'),
    );
}

const styleOf = (el: Element): string => el.getAttribute('data-style') ?? '';

/** Blocks carry no bold or italic of their own (a heading's weight, a quote's slant are the theme's). */
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'table',
  'tr',
  'td',
  'th',
  'section',
  'article',
  'body',
]);

/** Bold or italic said by a style (Google Docs' spans, LibreOffice's `font-weight`). */
function styledMarks(el: Element): string[] {
  if (BLOCKS.has(el.tagName.toLowerCase())) return [];
  const style = styleOf(el).toLowerCase();
  const weight = /font-weight\s*:\s*(\w+)/.exec(style)?.[1];
  const marks: string[] = [];
  if (weight === 'bold' || (weight !== undefined && Number(weight) >= 600)) marks.push('strong');
  if (/font-style\s*:\s*italic/.test(style)) marks.push('em');
  return marks;
}

/** `<b style="font-weight:normal">` is Google Docs' wrapper around the whole copy, not bold. */
function isNotBold(el: Element): boolean {
  return /font-weight\s*:\s*(normal|[1-5]00)\b/i.test(styleOf(el));
}

/** Word's list paragraph: `mso-list:l0 level2 lfo1`, its bullet text in `mso-list:Ignore`. */
function wordListItem(el: Element): { list: string; level: number; ordered: boolean } | null {
  const style = styleOf(el);
  const m = /mso-list:\s*(l\d+)\s+level(\d+)/i.exec(style);
  if (!m) return null;
  const marker = el.querySelector(
    '[data-style*="mso-list:Ignore"], [data-style*="mso-list: Ignore"]',
  );
  const text = (marker?.textContent ?? '').trim();
  return { list: m[1] ?? '', level: Number(m[2]), ordered: /^[\dA-Za-z]{1,4}[.)]/.test(text) };
}

/** Word hides the bullet between `<![if !supportLists]>` and `<![endif]>`; and the comment marks. */
function dropWordHiddenParts(root: ParentNode): void {
  const walk = (parent: ParentNode): void => {
    let hiding = false;
    for (const node of [...parent.childNodes]) {
      const data = node.nodeType === 8 ? (node.textContent ?? '') : '';
      if (/\[if !supportLists\]/.test(data)) hiding = true;
      if (hiding || node.nodeType === 8) {
        if (/\[endif\]/.test(data)) hiding = false;
        node.parentNode?.removeChild(node);
        continue;
      }
      if (node.nodeType === 1) {
        const el = node as Element;
        // Word's comment anchors ([JN1]) and the comment texts themselves.
        if (el.classList.contains('msocomanchor') || el.classList.contains('msocomtxt'))
          el.remove();
        else if (/mso-list:\s*Ignore/i.test(styleOf(el))) el.remove();
        else walk(el);
      }
    }
  };
  walk(root);
}

/** Copies `from`'s children, cleaned, into `to`. */
function cleanChildren(from: ParentNode, to: ParentNode, doc: Document, pre: boolean): void {
  for (const node of [...from.childNodes]) {
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      to.append(doc.createTextNode(pre ? text : text.replace(/[\s\u00a0]+/g, ' ')));
      continue;
    }
    if (node.nodeType !== 1) continue; // comments, processing instructions
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (DROP.has(tag) || tag.includes(':')) continue; // o:p and other Office tags
    let kept = KEEP[tag];
    if (tag === 'b' && isNotBold(el)) kept = undefined;
    if (tag === 'a' && !SAFE_HREF.test(el.getAttribute('href') ?? '')) kept = undefined;
    let target: ParentNode = to;
    if (kept) {
      const out = doc.createElement(kept);
      if (kept === 'a') out.setAttribute('href', el.getAttribute('href') ?? '');
      to.append(out);
      target = out;
    }
    // Styles that say bold or italic on an element kept or not (a span, a Docs paragraph).
    for (const mark of styledMarks(el)) {
      if (kept === mark) continue;
      const out = doc.createElement(mark);
      target.append(out);
      target = out;
    }
    cleanChildren(el, target, doc, pre || tag === 'pre');
  }
}

/** Word's list paragraphs as real lists (Word puts no `<ul>`/`<ol>` on the clipboard). */
function wordListsToLists(body: Element, doc: Document): void {
  let list: Element | null = null;
  let id = '';
  for (const el of [...body.children]) {
    const item = wordListItem(el);
    if (!item) {
      list = null;
      continue;
    }
    if (!list || item.list !== id) {
      list = doc.createElement(item.ordered ? 'ol' : 'ul');
      id = item.list;
      el.before(list);
    }
    const li = doc.createElement('li');
    li.append(...el.childNodes);
    el.remove();
    list.append(li);
  }
}

/**
 * The clipboard's HTML reduced to what Markdown can say: p, h2–h6, strong, em, ul/ol/li,
 * blockquote, a (web and mail links only), br, pre/code.
 */
export function cleanPastedHtml(html: string): Document {
  const parser = new DOMParser();
  // A copy from a browser is a fragment (`<meta charset><b …>…`): given a body, every parser
  // puts it there rather than guessing where the head ends.
  const inert = inertMarkup(html);
  const whole = /<body[\s>]/i.test(inert)
    ? inert
    : `<!doctype html><html><body>${inert}</body></html>`;
  const parsed = parser.parseFromString(whole, 'text/html');
  wordListsToLists(parsed.body, parsed); // first: it reads the numbers Word hides
  dropWordHiddenParts(parsed.body);
  const clean = parser.parseFromString('<!doctype html><html><body></body></html>', 'text/html');
  cleanChildren(parsed.body, clean.body, clean, false);
  // A paragraph inside a list item (Docs, LibreOffice) is just the item's text.
  for (const p of [...clean.querySelectorAll('li > p')]) p.replaceWith(...p.childNodes);
  for (const el of [...clean.querySelectorAll('p, h2, h3, h4, h5, h6, li, strong, em, a')])
    if (!el.textContent?.trim() && !el.querySelector('br')) el.remove();
  return clean;
}

/** Puts the clipboard's HTML, cleaned, where the cursor is. Call inside `editor.update`. */
export function $pasteHtml(editor: LexicalEditor, html: string): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  const clean = cleanPastedHtml(html);
  $insertGeneratedNodes(editor, $generateNodesFromDOM(editor, clean), selection);
  return true;
}

import type { Token, Tokens } from 'marked';
import { ValidationError } from '../shared/errors.js';
import { isAllowedTag, sanitizeContentHtml } from './sanitize.js';
import { neutraliseTemplateTags } from './template-tags.js';
import { gfm } from './markdown.js';

/**
 * Markdown that goes into a static site's repository is rendered by the site's own generator
 * (kramdown, markdown-it, goldmark, Astro's remark), and several of them pass raw HTML and
 * `javascript:` links straight through. So the Markdown itself is made safe before it is
 * committed: raw HTML keeps only what sanitize.ts allows, and links, images and link
 * definitions with a URL scheme the sanitizer refuses are unlinked. Everything else stays
 * byte for byte as written (code spans and blocks are never touched: `<script>` inside
 * backticks is text), so a secretary's Markdown reads the same in the repository — except
 * template tags the generators would run (see template-tags.ts).
 */

/** Script-like elements: their content goes with them, as in the sanitizer. */
const CONTAINERS = new Set([
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'template',
  'title',
]);

interface Edit {
  raw: string;
  replacement: string;
}

/** The Markdown with unsafe raw HTML and unsafe link targets neutralised; see above. */
export function sanitizeMarkdownSource(markdown: string): string {
  // Removing a piece can join its neighbours into a new tag (`<scr<script>ipt>`), so passes
  // repeat until one changes nothing.
  let text = markdown;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = onePass(text);
    if (next === text) return neutraliseTemplateTags(text);
    text = next;
  }
  throw uncheckable();
}

const MAX_PASSES = 5;

function uncheckable(): ValidationError {
  return new ValidationError(
    'The Markdown could not be checked for unsafe HTML; simplify the raw HTML in it and try again.',
    [{ path: 'markdown', message: 'raw HTML that could not be checked' }],
  );
}

function onePass(markdown: string): string {
  // marked reads CRLF as LF; the raw pieces it reports then match only LF text.
  const source = markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
  const edits: Edit[] = [];
  collect(gfm.lexer(source), edits);
  if (edits.length === 0) return markdown;
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    const at = source.indexOf(edit.raw, cursor);
    // Never seen with the corpus; refusing is safer than committing what was not checked.
    if (at < 0) throw uncheckable();
    out += source.slice(cursor, at) + edit.replacement;
    cursor = at + edit.raw.length;
  }
  return out + source.slice(cursor);
}

/** Walks tokens in document order, adding an edit for each unsafe piece. */
function collect(tokens: readonly Token[], edits: Edit[]): void {
  let dropUntil: string | undefined;
  for (const token of tokens) {
    if (dropUntil !== undefined) {
      // Inside an inline <script>…</script>: its text goes with it.
      edits.push({ raw: token.raw, replacement: '' });
      if (token.type === 'html' && closingTagName(token.raw) === dropUntil) dropUntil = undefined;
      continue;
    }
    if (token.type === 'html') {
      const opened = openingTagName(token.raw);
      if (opened && CONTAINERS.has(opened) && !token.raw.includes('</')) dropUntil = opened;
      const safe = safeHtml(token.raw);
      if (safe !== token.raw) edits.push({ raw: token.raw, replacement: safe });
      continue;
    }
    if (token.type === 'link' || token.type === 'image' || token.type === 'def') {
      const { href } = token as Tokens.Link | Tokens.Image | Tokens.Def;
      if (!isSafeTarget(token.type === 'image' ? 'img' : 'a', href)) {
        edits.push({ raw: token.raw, replacement: unlinked(token) });
        continue;
      }
    }
    for (const children of childLists(token)) collect(children, edits);
  }
}

/** Raw HTML as the sanitizer leaves it; a lone tag stays a lone tag. */
function safeHtml(raw: string): string {
  const trailing = /\s*$/.exec(raw)?.[0] ?? '';
  const html = raw.slice(0, raw.length - trailing.length);
  const closing = closingTagName(html);
  if (closing !== undefined) return (isAllowedTag(closing) ? html : '') + trailing;
  let safe = sanitizeContentHtml(html);
  const opened = openingTagName(html);
  // The sanitizer closes what it opens; an inline opening tag's closing tag is its own token.
  if (opened && /^<[^<>]*>$/.test(html) && safe.endsWith(`</${opened}>`))
    safe = safe.slice(0, -`</${opened}>`.length);
  return safe === html ? raw : safe + trailing;
}

function isSafeTarget(tag: 'a' | 'img', href: string): boolean {
  const attribute = tag === 'a' ? 'href' : 'src';
  // `&` stays as written: generators decode entities in link targets (`javascript&#58;…`),
  // and so does the sanitizer in an attribute.
  const probe = `<${tag} ${attribute}="${href.replace(/"/g, '&quot;')}">`;
  return sanitizeContentHtml(probe).includes(`${attribute}=`);
}

/** What an unsafe link leaves behind: its text (an image its alt text, a definition nothing). */
function unlinked(token: Token): string {
  if (token.type === 'def') return '';
  // The text is Markdown too, and may carry raw HTML of its own.
  return sanitizeMarkdownSource((token as Tokens.Link | Tokens.Image).text);
}

function childLists(token: Token): Token[][] {
  const lists: Token[][] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) lists.push(token.tokens);
  if (token.type === 'list') for (const item of (token as Tokens.List).items) lists.push([item]);
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    for (const cell of [...table.header, ...table.rows.flat()]) lists.push(cell.tokens);
  }
  return lists;
}

function openingTagName(html: string): string | undefined {
  return /^<([a-zA-Z][\w-]*)/.exec(html)?.[1]?.toLowerCase();
}

function closingTagName(html: string): string | undefined {
  return /^<\/([a-zA-Z][\w-]*)\s*>$/.exec(html.trim())?.[1]?.toLowerCase();
}

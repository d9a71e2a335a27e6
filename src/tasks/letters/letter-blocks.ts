/**
 * A letter's Markdown body as blocks of styled runs for the PDF. The body is read by the same
 * GFM reader as site texts (src/content); raw HTML in it has already been refused unless the
 * site sanitiser keeps it (letter-input.ts), and here it prints as its text, never as markup.
 * Links print their text followed by the address, since paper cannot be clicked.
 */
import type { Token, Tokens } from 'marked';
import { gfm, sanitizeContentHtml } from '../../content/index.js';

/** A piece of text in one style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  mono?: boolean;
}

/** One block of the body. */
export interface Block {
  kind: 'paragraph' | 'heading' | 'item' | 'quote' | 'rule' | 'code';
  runs: Run[];
  /** List depth (items) from 1. */
  depth?: number;
  /** `•` or `3.` for list items. */
  bullet?: string;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: '\u00a0',
};
const decode = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');

/** Text of raw HTML as the site sanitiser leaves it, without its tags. */
function htmlText(raw: string): string {
  return decode(
    sanitizeContentHtml(raw)
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  );
}

function inline(tokens: readonly Token[] | undefined, style: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        runs.push(...inline((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        runs.push(...inline((token as Tokens.Em).tokens, { ...style, italic: true }));
        break;
      case 'del':
        runs.push(...inline((token as Tokens.Del).tokens, style));
        break;
      case 'codespan':
        runs.push({ ...style, mono: true, text: decode((token as Tokens.Codespan).text) });
        break;
      case 'br':
        runs.push({ ...style, text: '\n' });
        break;
      case 'link': {
        const link = token as Tokens.Link;
        runs.push(...inline(link.tokens, style));
        const shown = runs.map((r) => r.text).join('');
        if (!shown.endsWith(link.href.replace(/^mailto:/, '')))
          runs.push({ ...style, text: ` (${link.href.replace(/^mailto:/, '')})` });
        break;
      }
      case 'image':
        runs.push({ ...style, text: (token as Tokens.Image).text });
        break;
      case 'html':
        runs.push({ ...style, text: htmlText(token.raw) });
        break;
      case 'text': {
        const text = token as Tokens.Text;
        // A single line break in Markdown is a space; only `br` (two spaces, `\`) breaks the line.
        if (text.tokens) runs.push(...inline(text.tokens, style));
        else runs.push({ ...style, text: decode(text.text).replace(/\n/g, ' ') });
        break;
      }
      case 'escape':
        runs.push({ ...style, text: (token as Tokens.Escape).text });
        break;
      default:
        if ('text' in token && typeof token.text === 'string')
          runs.push({ ...style, text: decode(token.text) });
    }
  }
  return runs;
}

function blocks(tokens: readonly Token[], out: Block[], depth = 0, quoted = false): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'paragraph':
        out.push({
          kind: quoted ? 'quote' : 'paragraph',
          runs: inline((token as Tokens.Paragraph).tokens),
        });
        break;
      case 'heading':
        out.push({
          kind: 'heading',
          runs: inline((token as Tokens.Heading).tokens, { bold: true }),
        });
        break;
      case 'text': {
        // Text directly in a tight list item.
        const text = token as Tokens.Text;
        out.push({
          kind: 'paragraph',
          runs: text.tokens ? inline(text.tokens) : [{ text: decode(text.text) }],
        });
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        list.items.forEach((item, i) => {
          const inner: Block[] = [];
          blocks(item.tokens, inner, depth + 1, quoted);
          const [first, ...rest] = inner;
          const bullet = list.ordered ? `${start + i}.` : '•';
          out.push({ kind: 'item', runs: first?.runs ?? [], depth: depth + 1, bullet });
          out.push(...rest);
        });
        break;
      }
      case 'blockquote':
        blocks((token as Tokens.Blockquote).tokens, out, depth, true);
        break;
      case 'hr':
        out.push({ kind: 'rule', runs: [] });
        break;
      case 'code':
        out.push({ kind: 'code', runs: [{ text: (token as Tokens.Code).text, mono: true }] });
        break;
      case 'html': {
        const text = htmlText(token.raw).trim();
        if (text) out.push({ kind: 'paragraph', runs: [{ text }] });
        break;
      }
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          const runs: Run[] = [];
          row.forEach((cell, i) => {
            if (i > 0) runs.push({ text: '   ' });
            runs.push(...inline(cell.tokens, { bold: row === table.header }));
          });
          out.push({ kind: 'paragraph', runs });
        }
        break;
      }
      default:
        break;
    }
  }
}

/** The body's blocks, in order; empty runs are dropped. */
export function letterBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  blocks(gfm.lexer(markdown.replace(/\r\n?/g, '\n')), out);
  return out
    .map((b) => ({ ...b, runs: b.runs.filter((r) => r.text !== '') }))
    .filter((b) => b.kind === 'rule' || b.runs.length > 0);
}

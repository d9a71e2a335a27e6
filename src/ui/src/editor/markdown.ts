/**
 * Markdown in and out of the editor. Markdown is what sitedesk stores (front matter, git sites
 * and the API are unchanged); the editor is only a way to write it. Lexical's own transformers
 * do headings, lists, quotes, code, bold, italic and links; ours add images and keep what the
 * editor cannot show as formatting (tables, HTML blocks, region markers) as raw blocks, byte
 * for byte. test/unit/ui/editor-roundtrip.test.ts proves the round trip over a corpus.
 */
import {
  $convertFromMarkdownString,
  $convertToMarkdownString,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  CODE,
  HEADING,
  INLINE_CODE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  UNORDERED_LIST,
  type MultilineElementTransformer,
  type TextMatchTransformer,
  type Transformer,
} from '@lexical/markdown';
import { CodeNode } from '@lexical/code';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { ElementNode, Klass, LexicalNode } from 'lexical';
import {
  $createImageNode,
  $createRawBlockNode,
  $isImageNode,
  $isRawBlockNode,
  ImageNode,
  RawBlockNode,
} from './nodes.js';

/** Every node the editor knows (the same list headless in the unit tests). */
export const editorNodes: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  CodeNode,
  ImageNode,
  RawBlockNode,
];

/** `![alt](src)`; before LINK, which would otherwise take `[alt](src)` and leave the `!`. */
const IMAGE: TextMatchTransformer = {
  dependencies: [ImageNode],
  export: (node) => ($isImageNode(node) ? node.markdown() : null),
  importRegExp: /!\[([^\]\n]*)\]\(([^()\s]+)\)/,
  regExp: /!\[([^\]\n]*)\]\(([^()\s]+)\)$/,
  replace: (textNode, match) => {
    textNode.replace($createImageNode(match[2] ?? '', match[1] ?? ''));
  },
  trigger: ')',
  type: 'text-match',
};

/**
 * Starts of what stays raw: a table row, an HTML comment (a region's marker is one), or an
 * HTML block (a line that begins with a tag).
 */
const TABLE_ROW = /^\s{0,3}\|/;
const COMMENT_START = /^\s{0,3}<!--/;
const HTML_START = /^\s{0,3}<\/?[A-Za-z][A-Za-z0-9-]*(\s|\/?>|$)/;
/** Lexical reads only backtick fences; a tilde fence is kept as written. */
const TILDE_FENCE = /^\s{0,3}~~~/;

/** Where a raw block that starts at `start` ends (inclusive), following CommonMark's rules. */
function rawBlockEnd(lines: string[], start: number): number {
  const first = lines[start] ?? '';
  let end = start;
  if (TILDE_FENCE.test(first)) {
    while (end + 1 < lines.length && !/^\s{0,3}~~~\s*$/.test(lines[++end] ?? ''));
  } else if (TABLE_ROW.test(first)) {
    while (TABLE_ROW.test(lines[end + 1] ?? '')) end++;
  } else if (COMMENT_START.test(first)) {
    // A comment ends on the line that closes it (the text after a marker is ordinary text).
    while (!(lines[end] ?? '').includes('-->') && end + 1 < lines.length) end++;
  } else {
    // Any other HTML block ends at the first blank line.
    while ((lines[end + 1] ?? '').trim() !== '' && end + 1 < lines.length) end++;
  }
  return end;
}

/**
 * Lexical puts a blank line between blocks. A raw block written against its neighbour (a
 * region's marker right above or below its text) carries these marks out of the export, where
 * $exportMarkdown turns the blank line back into a single line break. Private-use characters:
 * nothing a person types.
 */
const HUG_PREV = '\uE000sitedesk-hug-prev\uE000';
const HUG_NEXT = '\uE000sitedesk-hug-next\uE000';

const RAW: MultilineElementTransformer = {
  dependencies: [RawBlockNode],
  export: (node) => {
    if (!$isRawBlockNode(node)) return null;
    const hugs = node.hugs();
    return (hugs.prev ? HUG_PREV : '') + node.markdown() + (hugs.next ? HUG_NEXT : '');
  },
  regExpStart: new RegExp(
    [TABLE_ROW, COMMENT_START, HTML_START, TILDE_FENCE].map((r) => r.source).join('|'),
  ),
  handleImportAfterStartMatch: ({ lines, rootNode, startLineIndex: start }) => {
    const end = rawBlockEnd(lines, start);
    const filled = (line: string | undefined): boolean => (line ?? '').trim() !== '';
    const hugs = { prev: start > 0 && filled(lines[start - 1]), next: filled(lines[end + 1]) };
    rootNode.append($createRawBlockNode(lines.slice(start, end + 1).join('\n'), hugs));
    return [true, end];
  },
  // Only used by handleImportAfterStartMatch above, never for typing shortcuts.
  replace: () => false,
  type: 'multiline-element',
};

/**
 * The transformers, in the order they are tried. Underscore forms are read, the star forms
 * written (`_x_` comes back as `*x*`: the same text on every site). Highlight (`==x==`) is
 * left out: the sites show no highlight, so it stays text.
 */
export const markdownTransformers: Transformer[] = [
  HEADING,
  QUOTE,
  UNORDERED_LIST,
  ORDERED_LIST,
  CODE,
  RAW,
  INLINE_CODE,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  IMAGE,
  LINK,
];

/** Fills `root` (the editor's root by default) from Markdown. Call inside `editor.update`. */
export function $importMarkdown(markdown: string, root?: ElementNode): void {
  $convertFromMarkdownString(markdown.replace(/\r\n?/g, '\n'), markdownTransformers, root);
}

/**
 * The editor's content as Markdown. `like` is the Markdown it was filled from: its ending
 * (a final line break or not) is kept, so an unchanged text comes back byte for byte.
 */
export function $exportMarkdown(like = ''): string {
  const body = $convertToMarkdownString(markdownTransformers)
    .replaceAll(`\n\n${HUG_PREV}`, '\n')
    .replaceAll(`${HUG_NEXT}\n\n`, '\n')
    .replaceAll(HUG_PREV, '')
    .replaceAll(HUG_NEXT, '')
    .replace(/\s+$/, '');
  const ending = /\n*$/.exec(like)?.[0] ?? '';
  return body === '' ? '' : body + ending;
}

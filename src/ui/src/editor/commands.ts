/**
 * What the toolbar and the keyboard do to the text, as plain functions on a Lexical editor:
 * the toolbar buttons and the shortcuts call the same ones, and `formatsAt` tells the toolbar
 * which buttons are pressed where the cursor is.
 */
import { $isLinkNode, $toggleLink } from '@lexical/link';
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import {
  $createHeadingNode,
  $createQuoteNode,
  $isHeadingNode,
  $isQuoteNode,
} from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType } from '@lexical/utils';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  FORMAT_TEXT_COMMAND,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';

/** The kinds of block the toolbar offers. */
export type Block = 'paragraph' | 'h2' | 'h3' | 'bullet' | 'number' | 'quote';

/** What is on where the cursor is. */
export interface Formats {
  bold: boolean;
  italic: boolean;
  link: boolean;
  block: Block | 'other';
}

const topBlock = (node: LexicalNode): LexicalNode => {
  let at = node;
  for (let parent = at.getParent(); parent && !$isRootOrShadowRoot(parent);) {
    at = parent;
    parent = at.getParent();
  }
  return at;
};

/** The formats at the selection. Call inside `editor.read` or an update listener's read. */
export function $formatsAt(): Formats {
  const selection = $getSelection();
  if (!$isRangeSelection(selection))
    return { bold: false, italic: false, link: false, block: 'other' };
  const anchor = selection.anchor.getNode();
  const top = topBlock(anchor);
  const list = $getNearestNodeOfType(anchor, ListNode);
  let block: Formats['block'] = 'other';
  if (list && $isListNode(list)) block = list.getListType() === 'number' ? 'number' : 'bullet';
  else if ($isHeadingNode(top)) block = top.getTag() === 'h3' ? 'h3' : 'h2';
  else if ($isQuoteNode(top)) block = 'quote';
  else if (top.getType() === 'paragraph') block = 'paragraph';
  const link = selection.getNodes().some((n) => $isLinkNode(n) || $isLinkNode(n.getParent()));
  return { bold: selection.hasFormat('bold'), italic: selection.hasFormat('italic'), link, block };
}

/** Turns the selected blocks into `block`; the same block again turns them back into text. */
export function setBlock(editor: LexicalEditor, block: Block, current: Formats['block']): void {
  const target = block === current && block !== 'paragraph' ? 'paragraph' : block;
  if (current === 'bullet' || current === 'number') {
    if (target === current || target === 'paragraph') {
      editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
      return;
    }
  }
  if (target === 'bullet') editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
  else if (target === 'number') editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
  else
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      $setBlocksType(selection, () =>
        target === 'h2' || target === 'h3'
          ? $createHeadingNode(target)
          : target === 'quote'
            ? $createQuoteNode()
            : $createParagraphNode(),
      );
    });
}

/** Bold or italic on the selection (or for what is typed next). */
export function toggleMark(editor: LexicalEditor, mark: 'bold' | 'italic'): void {
  editor.dispatchCommand(FORMAT_TEXT_COMMAND, mark);
}

/** Web and mail addresses only: a link must open the same way on every site. */
export function linkAddress(typed: string): string | null {
  const url = typed.trim();
  if (/^https?:\/\/[^\s]+\.[^\s]+$/i.test(url) || /^mailto:[^\s@]+@[^\s@]+$/i.test(url)) return url;
  if (/^[^\s@/]+@[^\s@/]+\.[a-z]{2,}$/i.test(url)) return `mailto:${url}`;
  if (/^www\.[^\s]+\.[^\s]+$/i.test(url)) return `https://${url}`;
  return null;
}

/** Makes the selection a link to `url`, or takes the link away (`null`). */
export function setLink(editor: LexicalEditor, url: string | null): void {
  editor.update(() => $toggleLink(url));
}

/** The link's address where the cursor is, if it is in one. Call inside `editor.read`. */
export function $linkAt(): string {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return '';
  const node = selection.anchor.getNode();
  const link = $isLinkNode(node) ? node : node.getParent();
  return $isLinkNode(link) ? link.getURL() : '';
}

/** Keyboard shortcuts beyond Lexical's own (Ctrl+B, Ctrl+I, Ctrl+Z, Ctrl+Y). */
export function shortcutOf(e: KeyboardEvent): Block | 'link' | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return null;
  if (!e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') return 'link';
  // Ctrl+Alt+digit as in Google Docs and Word; e.code, as Alt changes the character typed.
  if (e.altKey && !e.shiftKey) {
    if (e.code === 'Digit2') return 'h2';
    if (e.code === 'Digit3') return 'h3';
    if (e.code === 'Digit0') return 'paragraph';
  }
  if (e.shiftKey && !e.altKey) {
    if (e.code === 'Digit8') return 'bullet';
    if (e.code === 'Digit7') return 'number';
    if (e.code === 'Digit9') return 'quote';
  }
  return null;
}

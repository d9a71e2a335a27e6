/**
 * A picture put in at her cursor (issue 15): where the caret was when she last was in the text,
 * as a word processor does; at the end when there is no usable cursor (she never clicked in the
 * text, or the text was replaced since).
 */
import {
  $createParagraphNode,
  $getNodeByKey,
  $getRoot,
  $insertNodes,
  $isTextNode,
  $setSelection,
  type PointType,
  type RangeSelection,
} from 'lexical';
import { $createImageNode } from './nodes.js';

/** A point whose node is still in the text, with an offset that still fits in it. */
function $stillThere(point: PointType): boolean {
  const node = $getNodeByKey(point.key);
  if (!node || !node.isAttached()) return false;
  const size = $isTextNode(node) ? node.getTextContentSize() : Infinity;
  return point.offset <= size;
}

/** Inserts the picture `src` (`alt`) at `cursor`, else at the end; the caret ends up after it. */
export function $insertImageAt(cursor: RangeSelection | null, src: string, alt: string): void {
  if (cursor && $stillThere(cursor.anchor) && $stillThere(cursor.focus)) {
    $setSelection(cursor.clone());
  } else {
    const root = $getRoot();
    const last = root.getLastChild();
    if (last && last.getType() === 'paragraph') last.selectEnd();
    else {
      const paragraph = $createParagraphNode();
      root.append(paragraph);
      paragraph.selectEnd();
    }
  }
  $insertNodes([$createImageNode(src, alt)]);
}

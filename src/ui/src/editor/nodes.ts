/**
 * The two nodes sitedesk adds to Lexical's own: an image (`![alt](src)`) and a raw block, the
 * Markdown that the editor cannot show as formatting (tables, HTML, region markers) kept
 * byte for byte and shown as it is written, so nothing the sites rely on is lost on the way.
 */
import {
  $create,
  $getDocument,
  $getState,
  $setState,
  createState,
  DecoratorNode,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const srcState = createState('src', { parse: text });
const altState = createState('alt', { parse: text });
const markdownState = createState('markdown', { parse: text });
const flag = (v: unknown): boolean => v === true;
/** The block is written right after the line before it / right before the next (no blank line). */
const hugsPrevState = createState('hugsPrev', { parse: flag });
const hugsNextState = createState('hugsNext', { parse: flag });

/**
 * Where each editor finds an image's address: texts name uploads by their file name
 * (`menu-ab12.png`), which only the screen can turn into a URL. Keyed by editor, so several
 * editors on one page each have their own.
 */
export const imageAddresses = new WeakMap<LexicalEditor, (src: string) => string>();

/** An image in the text; Markdown `![alt](src)`. */
export class ImageNode extends DecoratorNode<null> {
  override $config() {
    return this.config('sitedesk-image', {
      extends: DecoratorNode,
      stateConfigs: [
        { stateConfig: srcState, flat: true },
        { stateConfig: altState, flat: true },
      ],
    });
  }

  override createDOM(_config: EditorConfig, editor: LexicalEditor): HTMLElement {
    const doc = $getDocument();
    const span = doc.createElement('span');
    span.className = 'editor-image';
    const img = doc.createElement('img');
    const src = $getState(this, srcState);
    img.src = imageAddresses.get(editor)?.(src) ?? src;
    img.alt = $getState(this, altState);
    span.append(img);
    return span;
  }

  override updateDOM(): boolean {
    return true;
  }

  override decorate(): null {
    return null;
  }

  override isInline(): true {
    return true;
  }

  override getTextContent(): string {
    return this.markdown();
  }

  /** The image as Markdown. */
  markdown(): string {
    return `![${$getState(this, altState)}](${$getState(this, srcState)})`;
  }
}

/** A new image node. */
export function $createImageNode(src: string, alt: string): ImageNode {
  return $setState($setState($create(ImageNode), srcState, src), altState, alt);
}

/** True for an image node. */
export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}

/** Markdown kept exactly as written (a table, HTML, a region's marker), shown as its text. */
export class RawBlockNode extends DecoratorNode<null> {
  override $config() {
    return this.config('sitedesk-raw-block', {
      extends: DecoratorNode,
      stateConfigs: [
        { stateConfig: markdownState, flat: true },
        { stateConfig: hugsPrevState, flat: true },
        { stateConfig: hugsNextState, flat: true },
      ],
    });
  }

  override createDOM(): HTMLElement {
    const pre = $getDocument().createElement('pre');
    pre.className = 'raw-block';
    pre.textContent = this.markdown();
    return pre;
  }

  override updateDOM(): boolean {
    return true;
  }

  override decorate(): null {
    return null;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return this.markdown();
  }

  /** The block's Markdown, unchanged. */
  markdown(): string {
    return $getState(this, markdownState);
  }

  /** Whether it was written with no blank line before it and after it (a region's markers). */
  hugs(): { prev: boolean; next: boolean } {
    return { prev: $getState(this, hugsPrevState), next: $getState(this, hugsNextState) };
  }
}

/** A new raw block holding `markdown` as it is. */
export function $createRawBlockNode(
  markdown: string,
  hugs: { prev: boolean; next: boolean } = { prev: false, next: false },
): RawBlockNode {
  const node = $setState($create(RawBlockNode), markdownState, markdown);
  return $setState($setState(node, hugsPrevState, hugs.prev), hugsNextState, hugs.next);
}

/** True for a raw block. */
export function $isRawBlockNode(node: LexicalNode | null | undefined): node is RawBlockNode {
  return node instanceof RawBlockNode;
}

/**
 * The word-processor part of the text editor, loaded only by the screens where a text is
 * written (index.tsx imports it lazily): Lexical in a contenteditable, the toolbar above it.
 * Markdown goes in and comes out (markdown.ts); pasted HTML is cleaned first (paste.ts).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { registerList } from '@lexical/list';
import { registerMarkdownShortcuts } from '@lexical/markdown';
import { registerRichText } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  createEditor,
  DROP_COMMAND,
  FORMAT_TEXT_COMMAND,
  KEY_DOWN_COMMAND,
  PASTE_COMMAND,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import { $formatsAt, setBlock, shortcutOf, type Formats } from './commands.js';
import { $exportMarkdown, $importMarkdown, editorNodes, markdownTransformers } from './markdown.js';
import { $insertImageAt } from './image-insert.js';
import { imageAddresses } from './nodes.js';
import { $pasteHtml } from './paste.js';
import { Toolbar } from './toolbar.js';
import type { RichTextProps } from './types.js';
import './rich-text.css';

/** Formats Markdown can say; Ctrl+U and the like would make formatting the sites never show. */
const MARKS = new Set(['bold', 'italic', 'code', 'strikethrough']);
/** Updates that load `value` into the editor (not her typing: no onChange for them). */
const LOAD = 'sitedesk-load';

const theme = {
  paragraph: 'rt-p',
  heading: { h2: 'rt-h2', h3: 'rt-h3', h4: 'rt-h4', h5: 'rt-h5', h6: 'rt-h6', h1: 'rt-h2' },
  quote: 'rt-quote',
  list: { ul: 'rt-ul', ol: 'rt-ol', listitem: 'rt-li', nested: { listitem: 'rt-nested' } },
  link: 'rt-link',
  text: { bold: 'rt-bold', italic: 'rt-italic', code: 'rt-code', strikethrough: 'rt-strike' },
  code: 'rt-pre',
};

/** Lexical with the toolbar; Markdown in `value`, Markdown out through `onChange`. */
export default function RichText(props: RichTextProps): JSX.Element {
  const root = useRef<HTMLDivElement>(null);
  const [editor] = useState<LexicalEditor>(() =>
    createEditor({
      namespace: 'sitedesk',
      nodes: editorNodes,
      theme,
      onError: (err) => console.error(err),
    }),
  );
  const [formats, setFormats] = useState<Formats>({
    bold: false,
    italic: false,
    link: false,
    block: 'paragraph',
  });
  const [linking, setLinking] = useState(false);
  // The Markdown the editor holds now, and what it sent lately: a `value` among those came from
  // here (the screen re-renders after a few more keys were typed), not from outside.
  const held = useRef<string | null>(null);
  const sent = useRef<string[]>([]);
  const latest = useRef(props);
  latest.current = props;
  // Her last cursor in the text: a picture uploaded after she clicked "Add a picture" (the text
  // lost focus meanwhile) goes there.
  const cursor = useRef<RangeSelection | null>(null);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    imageAddresses.set(editor, (src) => latest.current.imageUpload?.urlOf(src) ?? src);
    editor.setRootElement(el);
    const stop = mergeRegister(
      registerRichText(editor),
      registerList(editor),
      registerHistory(editor, createEmptyHistoryState(), 300),
      registerMarkdownShortcuts(editor, markdownTransformers),
      editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves, tags }) => {
        editorState.read(() => {
          setFormats($formatsAt());
          const selection = $getSelection();
          if ($isRangeSelection(selection)) cursor.current = selection.clone();
        });
        if (tags.has(LOAD) || (dirtyElements.size === 0 && dirtyLeaves.size === 0)) return;
        const markdown = editorState.read(() => $exportMarkdown(held.current ?? ''));
        if (markdown === held.current) return;
        held.current = markdown;
        sent.current = [...sent.current.slice(-49), markdown];
        latest.current.onChange(markdown);
      }),
      editor.registerCommand(
        FORMAT_TEXT_COMMAND,
        (format) => !MARKS.has(format), // true = handled: nothing happens
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const html =
            event instanceof ClipboardEvent ? event.clipboardData?.getData('text/html') : '';
          if (!html) return false; // plain text: Lexical inserts it as it is
          event.preventDefault();
          editor.update(() => $pasteHtml(editor, html));
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          const files = [...(event.dataTransfer?.files ?? [])];
          const upload = latest.current.imageUpload;
          if (!files.length || !upload) return false;
          event.preventDefault();
          upload.upload(files);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const shortcut = shortcutOf(event);
          if (!shortcut) return false;
          event.preventDefault();
          if (shortcut === 'link') setLinking(true);
          else setBlock(editor, shortcut, editor.read($formatsAt).block);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    );
    const place = latest.current.imagePlace;
    if (place)
      place.current = (src, alt) =>
        editor.update(() => $insertImageAt(cursor.current, src, alt), { discrete: true });
    return () => {
      stop();
      if (place) place.current = undefined;
      editor.setRootElement(null);
    };
  }, [editor]);

  // A value from outside (an opened draft, an image put in by a button) replaces the content.
  useEffect(() => {
    if (props.value === held.current || sent.current.includes(props.value)) return;
    held.current = props.value;
    sent.current = [];
    editor.update(() => $importMarkdown(props.value), { tag: LOAD });
  }, [props.value, editor]);

  useEffect(() => editor.setEditable(!props.disabled), [props.disabled, editor]);

  return (
    <div class={'rich' + (props.error ? ' rich-error' : '')}>
      <Toolbar
        editor={editor}
        formats={formats}
        linking={linking}
        onLinking={setLinking}
        imageUpload={props.imageUpload}
        disabled={props.disabled}
      />
      <div
        ref={root}
        id={props.id}
        class="rich-text"
        contentEditable={!props.disabled}
        role="textbox"
        aria-multiline="true"
        aria-labelledby={props.labelId}
        aria-describedby={props.describedBy}
        aria-invalid={props.error ? true : undefined}
        spellcheck
        onBlur={() => props.onBlur?.()}
      />
    </div>
  );
}

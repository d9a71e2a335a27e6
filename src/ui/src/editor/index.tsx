/**
 * The text editor of every screen where a text is written (Write, schedules): formatting as in
 * a word processor, Markdown underneath — `value` and `onChange` are Markdown, the stored
 * format. The word-processor part (Lexical, ~90 KB gzipped) is a chunk of its own, loaded when
 * the first editor shows, so the first screen does not carry it. Until it is there, and for
 * whoever flips the "Markdown" switch (remembered in this browser), the text is a plain box.
 */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.js';
import type { ImagePlace, ImageUpload, RichTextProps } from './types.js';

export type { ImagePlace, ImageUpload } from './types.js';

const MODE_KEY = 'sitedesk.editor.markdown';

let loaded: ComponentType<RichTextProps> | undefined;
let loading: Promise<ComponentType<RichTextProps>> | undefined;
const loadRich = (): Promise<ComponentType<RichTextProps>> =>
  (loading ??= import('./rich-text.js').then((m) => (loaded = m.default)));

function savedMode(): boolean {
  try {
    return localStorage.getItem(MODE_KEY) === 'on';
  } catch {
    return false;
  }
}

/** Props of TextEditor. */
export interface TextEditorProps {
  /** The text as Markdown. */
  value: string;
  /** Called with the whole text as Markdown after each change. */
  onChange(markdown: string): void;
  onBlur?: () => void;
  /** The field's name ("Text"); in Markdown mode it reads "Text (Markdown)". */
  label: string;
  help?: string | undefined;
  error?: string | undefined;
  disabled?: boolean;
  required?: boolean;
  /** The plain box's name and height (Markdown mode). */
  name?: string;
  rows?: number;
  /** Pictures dropped on the text or picked from the toolbar. */
  imageUpload?: ImageUpload | undefined;
  /** Filled by the rich editor while it shows, to put an uploaded picture at its cursor. */
  imagePlace?: ImagePlace | undefined;
  /** Extra handlers of the plain box (the Write screen keeps its cursor for pictures). */
  onPlainCursor?: (box: HTMLTextAreaElement) => void;
  onPlainDrop?: (e: DragEvent) => void;
}

/** A labelled text: rich editor, or the plain Markdown box when she prefers it. */
export function TextEditor(props: TextEditorProps): JSX.Element {
  const { t } = useI18n();
  const id = useId();
  const [markdownMode, setMarkdownMode] = useState(savedMode);
  const [Rich, setRich] = useState<ComponentType<RichTextProps> | undefined>(() => loaded);
  useEffect(() => {
    if (markdownMode || Rich) return;
    let live = true;
    void loadRich().then((c) => live && setRich(() => c));
    return () => {
      live = false;
    };
  }, [markdownMode, Rich]);
  const plain = markdownMode || !Rich;
  const describedBy =
    [props.help ? id + '-help' : '', props.error ? id + '-error' : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div class={'field text-editor' + (props.error ? ' field-error' : '')}>
      <div class="text-editor-head">
        <label id={id + '-label'} for={id}>
          {plain ? t('editorMarkdownLabel', { label: props.label }) : props.label}
        </label>
        <label class="check editor-mode" title={t('editorMarkdownSwitchHelp')}>
          <input
            type="checkbox"
            role="switch"
            checked={markdownMode}
            aria-describedby={id + '-mode'}
            onChange={(e) => {
              const on = (e.currentTarget as HTMLInputElement).checked;
              setMarkdownMode(on);
              try {
                localStorage.setItem(MODE_KEY, on ? 'on' : 'off');
              } catch {
                // A browser that stores nothing still switches, for this visit.
              }
            }}
          />{' '}
          {t('editorMarkdownSwitch')}
          <span id={id + '-mode'} class="visually-hidden">
            {t('editorMarkdownSwitchHelp')}
          </span>
        </label>
      </div>
      {plain ? (
        <textarea
          id={id}
          name={props.name}
          rows={props.rows ?? 8}
          required={props.required}
          disabled={props.disabled}
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(e) => {
            props.onPlainCursor?.(e.currentTarget);
            props.onChange(e.currentTarget.value);
          }}
          onBlur={(e) => {
            props.onPlainCursor?.(e.currentTarget);
            props.onBlur?.();
          }}
          // The caret moves by typing, clicking and the arrow keys; `select` alone misses the last two.
          onSelect={(e) => props.onPlainCursor?.(e.currentTarget)}
          onClick={(e) => props.onPlainCursor?.(e.currentTarget)}
          onKeyUp={(e) => props.onPlainCursor?.(e.currentTarget)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={props.onPlainDrop}
        />
      ) : (
        <Rich
          id={id}
          labelId={id + '-label'}
          describedBy={describedBy}
          value={props.value}
          onChange={props.onChange}
          onBlur={props.onBlur}
          error={props.error}
          disabled={props.disabled}
          imageUpload={props.imageUpload}
          imagePlace={props.imagePlace}
        />
      )}
      {!markdownMode && !Rich && (
        <p class="help" role="status">
          {t('editorLoading')}
        </p>
      )}
      {props.help && (
        <p class="help" id={id + '-help'}>
          {props.help}
        </p>
      )}
      {props.error && (
        <p class="error" id={id + '-error'} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

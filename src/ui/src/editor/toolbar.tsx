/**
 * The small toolbar above the text: bold, italic, heading, subheading, lists, quote, link and
 * picture. Each button says what it does and its shortcut (EN and CS) and shows whether it is
 * on where the cursor is; pressing it keeps the cursor in the text.
 */
import type { ComponentChild, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { LexicalEditor } from 'lexical';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/en.js';
import {
  $linkAt,
  linkAddress,
  setBlock,
  setLink,
  toggleMark,
  type Block,
  type Formats,
} from './commands.js';
import type { ImageUpload } from './types.js';

// Drawn, not emoji: every system shows them the same (headless Chromium has no emoji font).
const linkIcon = (
  <svg
    viewBox="0 0 24 24"
    width="18"
    height="18"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
  >
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </svg>
);
const imageIcon = (
  <svg
    viewBox="0 0 24 24"
    width="18"
    height="18"
    aria-hidden="true"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linejoin="round"
  >
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <circle cx="9" cy="10" r="1.5" />
    <path d="M4 18l5-5 4 4 3-3 4 4" />
  </svg>
);

const blocks: { block: Block; label: MessageKey; face: string }[] = [
  { block: 'h2', label: 'editorHeading2', face: 'H2' },
  { block: 'h3', label: 'editorHeading3', face: 'H3' },
  { block: 'bullet', label: 'editorBullets', face: '•' },
  { block: 'number', label: 'editorNumbers', face: '1.' },
  { block: 'quote', label: 'editorQuote', face: '“' },
];

export function Toolbar(props: {
  editor: LexicalEditor;
  formats: Formats;
  linking: boolean;
  onLinking(on: boolean): void;
  imageUpload?: ImageUpload | undefined;
  disabled?: boolean | undefined;
}): JSX.Element {
  const { t } = useI18n();
  const { editor, formats } = props;
  const files = useRef<HTMLInputElement>(null);
  // Buttons keep the cursor (and the selection) in the text.
  const keep = (e: MouseEvent): void => e.preventDefault();
  const button = (label: MessageKey, face: ComponentChild, on: boolean, act: () => void) => (
    <button
      type="button"
      class={'tool' + (on ? ' tool-on' : '')}
      aria-label={t(label)}
      title={t(label)}
      aria-pressed={on}
      disabled={props.disabled}
      onMouseDown={keep}
      onClick={act}
    >
      {face}
    </button>
  );
  return (
    <>
      <div class="toolbar" role="toolbar" aria-label={t('editorToolbar')}>
        {button('editorBold', 'B', formats.bold, () => toggleMark(editor, 'bold'))}
        {button('editorItalic', 'I', formats.italic, () => toggleMark(editor, 'italic'))}
        {blocks.map((b) =>
          button(b.label, b.face, formats.block === b.block, () =>
            setBlock(editor, b.block, formats.block),
          ),
        )}
        {button('editorLink', linkIcon, formats.link, () => props.onLinking(!props.linking))}
        {props.imageUpload && (
          <>
            {button('editorImage', imageIcon, false, () => files.current?.click())}
            <input
              ref={files}
              type="file"
              accept="image/*"
              multiple
              hidden
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                const input = e.currentTarget as HTMLInputElement;
                const picked = [...(input.files ?? [])];
                input.value = '';
                if (picked.length) props.imageUpload?.upload(picked);
              }}
            />
          </>
        )}
      </div>
      {props.linking && <LinkForm editor={editor} onDone={() => props.onLinking(false)} />}
    </>
  );
}

/** The address of a new link, or of the link the cursor is in, to change or remove. */
function LinkForm(props: { editor: LexicalEditor; onDone(): void }): JSX.Element {
  const { t } = useI18n();
  const [url, setUrl] = useState(() => props.editor.read($linkAt));
  const [bad, setBad] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => input.current?.focus(), []);
  const done = (): void => {
    props.onDone();
    props.editor.focus();
  };
  const apply = (): void => {
    const address = linkAddress(url);
    if (!address) {
      setBad(true);
      return;
    }
    setLink(props.editor, address);
    done();
  };
  return (
    <div class="link-form">
      <label for={id}>{t('editorLinkAddress')}</label>
      <input
        ref={input}
        id={id}
        type="url"
        inputMode="url"
        value={url}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? id + '-bad' : undefined}
        onInput={(e) => {
          setUrl((e.currentTarget as HTMLInputElement).value);
          setBad(false);
        }}
        onKeyDown={(e) => {
          // Enter must not submit the screen's form; Escape goes back to the text.
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            done();
          }
        }}
      />
      <button type="button" class="primary" onClick={apply}>
        {t('editorLinkApply')}
      </button>
      <button
        type="button"
        onClick={() => {
          setLink(props.editor, null);
          done();
        }}
      >
        {t('editorLinkRemove')}
      </button>
      <button type="button" onClick={done}>
        {t('editorLinkCancel')}
      </button>
      {bad && (
        <p class="error" id={id + '-bad'} role="alert">
          {t('editorLinkBad')}
        </p>
      )}
    </div>
  );
}

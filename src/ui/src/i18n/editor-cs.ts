import type { enEditor } from './editor-en.js';

/** Czech words of the text editor (src/ui/src/editor/). */
export const csEditor: Record<keyof typeof enEditor, string> = {
  editorText: 'Text',
  editorMarkdownLabel: '{label} (Markdown)',
  editorMarkdownSwitch: 'Markdown',
  editorMarkdownSwitchHelp:
    'Psát místo toho prostý text v Markdownu (tento prohlížeč si to pamatuje).',
  editorToolbar: 'Formátování',
  editorBold: 'Tučně (Ctrl+B)',
  editorItalic: 'Kurzíva (Ctrl+I)',
  editorHeading2: 'Nadpis (Ctrl+Alt+2)',
  editorHeading3: 'Podnadpis (Ctrl+Alt+3)',
  editorParagraph: 'Běžný text (Ctrl+Alt+0)',
  editorBullets: 'Odrážky (Ctrl+Shift+8)',
  editorNumbers: 'Číslovaný seznam (Ctrl+Shift+7)',
  editorQuote: 'Citace (Ctrl+Shift+9)',
  editorLink: 'Odkaz (Ctrl+K)',
  editorImage: 'Přidat obrázek',
  editorLinkAddress: 'Adresa odkazu',
  editorLinkApply: 'Vytvořit odkaz',
  editorLinkRemove: 'Odstranit odkaz',
  editorLinkCancel: 'Zrušit',
  editorLinkBad: 'Napište webovou adresu začínající https:// nebo e-mailovou adresu.',
  editorLoading: 'Editor se načítá; zatím můžete psát sem.',
};

import type { enReplyFiles } from './replyfiles-en.js';

/** Czech words of the files sent with a reply (issue 24). */
export const csReplyFiles: Record<keyof typeof enReplyFiles, string> = {
  rfTitle: 'Přílohy',
  rfDrop: 'Přetáhněte soubory sem nebo je vyberte; odejdou s odpovědí.',
  rfHelp: 'Nejvýš {count} souborů, každý do {each} MB, dohromady do {total} MB.',
  rfChoose: 'Přiložit soubory',
  rfUploading: 'Nahrávám {percent} %…',
  rfRemove: 'Odebrat {name}',
  rfSize: '{size} kB',
  rfRefused: '{name} se nepřiložil: {reason}.',
  'rfReason.too_big': 'je větší než {each} MB',
  'rfReason.too_many': 'odpověď může nést nejvýš {count} souborů',
  'rfReason.total': 'všechny soubory dohromady by měly víc než {total} MB',
  'rfReason.empty': 'soubor je prázdný',
  'rfReason.twice': 'už je přiložen',
  'rfReason.cut_off': 'nedorazil celý; zkuste to znovu',
  'rfReason.not_saved': 'server ho nemohl uložit; zkuste to znovu',
  rfWith: 'Přiloženo:',
};

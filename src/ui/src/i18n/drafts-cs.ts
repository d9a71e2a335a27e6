import type { enDrafts } from './drafts-en.js';

/** České texty oblasti „nic se neztratí“ (issue 15). */
export const csDrafts: Record<keyof typeof enDrafts, string> = {
  savedAt: 'Uloženo {time}',
  notSavedRetrying: 'Neuloženo — zkouším znovu',
  notSavedIncomplete: 'Zatím neuloženo: dejte textu název a pár slov.',
  notSavedInvalid: 'Neuloženo: {problem}',
  draftConflictTitle: 'Text byl mezitím změněn jinde',
  conflictBody:
    'Jiná karta nebo jiný člověk tento text uložil v {time}, zatímco jste ho upravovala. Nic se nepřepsalo. Kterou verzi chcete ponechat?',
  conflictMine: 'Vaše verze',
  draftConflictTheirs: 'Druhá verze',
  keepMine: 'Ponechat moji verzi',
  takeTheirs: 'Vzít druhou verzi',
  leaveUnsaved: 'Poslední změny textu se nepodařilo uložit. Přesto odejít?',
  textsTitle: 'Vaše texty',
  listDrafts: 'Koncepty',
  listScheduled: 'Naplánované',
  listPublished: 'Zveřejněné',
  listEmpty: 'Zatím žádné.',
  changedAt: 'změněno {time}',
  goesOutAt: 'vyjde {time}',
  publishedTextOpen:
    'Tento text je zveřejněný. Změny se ukládají sem; weby je ukážou, až ho zveřejníte znovu.',
  imageRefused: '{name}: {reason}.',
  'refused.not_an_image': 'není to obrázek JPEG, PNG, GIF ani WebP',
  'refused.wrong_field': 'není to obrázek',
  'refused.too_big': 'je větší než 8 MB',
  'refused.empty': 'soubor je prázdný',
  'refused.cut_off': 'nedorazil celý; zkuste to znovu',
  'refused.not_saved': 'server ho nedokázal uložit; zkuste to znovu',
};

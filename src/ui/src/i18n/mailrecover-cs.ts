import type { enMailRecover } from './mailrecover-en.js';

/** České texty pošty, která se sama zotaví (issue 24). */
export const csMailRecover: Record<keyof typeof enMailRecover, string> = {
  mbxArchive: 'Archivovat',
  mbxArchiveQuestion:
    'Archivovat schránku {address}? sitedesk ji přestane číst; její e-maily zůstanou v úkolech a dá se na ně dál odpovídat.',
  mbxRestore: 'Znovu číst',
  mbxArchived: 'Archivováno: už se nečte. Její e-maily zůstávají v úkolech.',
  'mbxState.archived': 'archivováno, nečte se',
  mbxInUseArchive:
    'Tuto schránku nelze odebrat: úkoly uchovávají její přijaté e-maily. Místo toho ji archivujte.',
  'fwd.pending': 'Přeposílá se na {to}.',
  'fwd.retrying':
    'Na adresu {to} zatím nedorazil: {cause}. sitedesk to sám zkusí znovu (další pokus {next}).',
  'fwd.failed': 'Nepodařilo se ho přeposlat na adresu {to}: {cause}.',
  'fwdCause.down': 'server odchozí pošty neodpovídá',
  'fwdCause.login': 'server odchozí pošty odmítl přihlašovací jméno nebo heslo',
  'fwdCause.noPassword': 'schránka nemá uložené heslo',
  'fwdCause.refused': 'poštovní server klienta adresu odmítl',
  'fwdCause.starttls':
    'odchozí server nenabízí šifrování (STARTTLS); u schránky zvolte TLS a jeho port',
  'fwdCause.other': 'server odchozí pošty ho nepřijal',
  fwdSendAgain: 'Poslat znovu hned',
  replyWaitingLine:
    'Čeká na odeslání na {to}: {cause}. sitedesk ji odešle sám, jakmile server odpoví (další pokus {next}).',
  replyRefusedLine: 'Neodesláno na {to}: {cause}.',
  replyQueued:
    'Zatím neodesláno: {cause}. Odpověď je uložená a odejde sama, jakmile server znovu odpoví.',
  fwdQueued: 'Zařazeno: odejde, jakmile ho poštovní server přijme.',
  todayForwardsWaiting: 'Naléhavé e-maily zatím nepřeposlané',
  unsubTitle: 'Odhlášení',
  unsubQuestion: 'Odhlásit adresu {email} z e-mailů, které posílá {sender}?',
  unsubButton: 'Odhlásit se',
  unsubDone: 'Hotovo: {sender} už na adresu {email} e-maily posílat nebude.',
  unsubAlready: 'Adresa {email} je odhlášená z e-mailů, které posílá {sender}.',
  unsubInvalid: 'Tento odkaz pro odhlášení není platný. Možná se zkopíroval jen zčásti.',
  mailHintStarttls:
    'Server nenabízí šifrování (STARTTLS), a tak mu sitedesk heslo neposílá. U klienta nastavte schránce TLS a jeho port (obvykle 993 a 465).',
  mailHintTls:
    'Šifrované spojení selhalo. Zkontrolujte šifrování a port schránky (TLS: 993 / 465, STARTTLS: 143 / 587).',
  listOrder: 'Řazení',
  listNewest: 'Nejnovější nahoře',
  listDue: 'Podle termínu',
  listPageSize: 'Na stránku',
  listAttachments: 'Přílohy: {n}',
  // the client card's way to the mailings screen (its own words come with it)
  mlgOpen: 'Hromadné e-maily a kdo je nechce',
};

import type { enStart } from './start-en.js';

/** Czech words of first start, sign-in and private links (the type asks for every English key). */
export const csStart: Record<keyof typeof enStart, string> = {
  setupIntro:
    'Vítejte! Tento sitedesk je nový a zatím v něm nikdo nemá účet. Vytvořte prvního správce (tedy sebe). Hned poté budete přihlášeni.',
  setupTokenHelp:
    'sitedesk ho jednou vypsal do okna nebo logu, kde byl spuštěn: je to řádek začínající sds_. Platí 24 hodin; je-li starší, spusťte sitedesk znovu a vypíše nový.',
  setupUsernameHelp: 'Malá písmena, číslice, tečka, pomlčka nebo podtržítko, například jana.',
  setupCreating: 'Vytvářím…',
  setupRefused:
    'Tento instalační token nefunguje: je špatně opsaný, už byl použit, nebo je starší než 24 hodin. Spusťte sitedesk znovu a použijte nový token, který vypíše.',
  setupClosed: 'Správce už existuje, takže není co nastavovat. Přihlaste se prosím.',
  setupGoSignIn: 'Přejít na přihlášení',
  linksExplain:
    'Klient otevírá svou stránku soukromým odkazem: bez účtu a bez hesla. Nový odkaz můžete vytvořit kdykoli. Starší odkaz funguje dál, dokud ho nezneplatníte.',
  linksLive: 'Odkazy, které teď fungují',
  linksNoneLive:
    'Teď nefunguje žádný odkaz, klient tedy svou stránku neotevře. Vytvořte nový odkaz a pošlete mu ho.',
  linkMadeOn: 'vytvořen {date}',
  linkNewMark: 'nový',
  linkForWhom: 'Kdo odkaz dostane? (nepovinné; klient to neuvidí)',
  linkLastOpened: 'naposledy otevřen {date}',
  linkNotOpened: 'zatím neotevřen',
  linkMakeAnother: 'Vytvořit nový odkaz',
  linkOlderStillWork:
    'Vaše dřívější odkazy fungují také dál. Pokud některý fungovat nemá, zneplatněte ho níže.',
  linkCopied: 'Zkopírováno. Vložte odkaz do zprávy pro klienta.',
  linkSelectedToCopy: 'Odkaz je označený: zkopírujte ho klávesami Ctrl+C (na Macu ⌘+C).',
};

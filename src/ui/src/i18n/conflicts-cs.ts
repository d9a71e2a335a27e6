import type { enConflicts } from './conflicts-en.js';

/** České texty ke konfliktům v gitu: stránku na webu mezitím změnil i někdo jiný (issue 17). */
export const csConflicts: Record<keyof typeof enConflicts, string> = {
  'cause.git_conflict':
    'Tuto stránku na webu mezitím změnil někdo jiný na stejném místě jako váš text, proto se nic nezveřejnilo a nic z jeho změn se nepřepsalo. Porovnejte obě verze a vyberte, kterou ponechat.',
  conflictCompare: 'Porovnat obě verze',
  conflictTitle: 'Dvě verze této stránky',
  conflictExplain:
    'Změny na různých místech stránky se spojí samy; tyto se překrývají, proto vybíráte vy.',
  conflictTheirs: 'Teď na webu (změnil někdo jiný)',
  conflictOurs: 'Vaše verze ze sitedesku',
  conflictMarked: 'Řádky, které se v obou verzích liší, jsou zvýrazněné.',
  conflictKeepTheirs: 'Ponechat verzi z webu',
  conflictUseOurs: 'Použít mou verzi',
  conflictEdit: 'Upravit ručně',
  conflictEditLabel: 'Stránka, jak má vypadat',
  conflictEditHelp:
    'Začíná jako vaše verze: doplňte, co změnil ten druhý, a zveřejněte. První řádky mezi dvěma oddělovači (--- nebo +++) jsou nastavení stránky.',
  conflictPublishEdit: 'Zveřejnit tuto verzi',
  conflictBack: 'Zpět k oběma verzím',
  conflictGone:
    'Tyto verze už na výběr nečekají (možná už někdo vybral). Kde stránka je, ukazuje seznam výše.',
  'history.pub.conflictTheirs': '{who}: na webu {site} ponechána verze, kterou změnil někdo jiný',
  'history.pub.conflictOurs': '{who}: pro web {site} zvolena verze ze sitedesku místo cizí změny',
  'history.pub.conflictEdit': '{who}: obě verze pro web {site} spojeny ručně',
};

/** České texty archivovaných klientů a jejich trvalého odstranění (issue 21). */
export const csRemoval = {
  'rm.title': 'Archivovaní klienti',
  'rm.archivedOn': 'Archivován {date}',
  'rm.exported': 'Exportováno {date}, provedl(a) {who}.',
  'rm.exportStale':
    'Od posledního exportu ({date}) se změnil: před trvalým odstraněním ho exportujte znovu.',
  'rm.notExported': 'Zatím neexportován.',
  'rm.howExport':
    'Export se dělá na počítači, kde sitedesk běží, příkazem: sitedesk client export "{name}"',
  'rm.open': 'Odstranit natrvalo…',
  'rm.what':
    'Smaže vše, co sitedesk o klientovi {name} uchovává: úkoly, zprávy, texty, dopisy, schůzky, rozesílky, soubory a hesla jeho webů, schránek a kalendáře. V historii zůstane jediný řádek: že byl klient odstraněn, kdy a kým. Nelze to vrátit.',
  'rm.backups': 'Starší zálohy data obsahují, dokud je nesmažete.',
  'rm.typeName': 'Pro potvrzení napište jméno klienta',
  'rm.withoutExport': 'Odstranit bez exportu',
  'rm.confirm': 'Odstranit natrvalo',
  'rm.done': 'Klient {name} byl natrvalo odstraněn.',
  'rm.conflict':
    'Zatím ho nelze odstranit: od načtení stránky se něco změnilo, nebo některá jeho schránka přijímá poštu i pro jiného klienta. Načtěte stránku znovu; na schránky se zeptejte toho, kdo sitedesk spravuje.',
  'rm.adminOnly': 'Klienta může natrvalo odstranit jen správce.',
  'history.client.removed': '{who}: klient natrvalo odstraněn',
};

import type { enRegions } from './regions-en.js';

/** Czech words of page regions (issue 23); the type asks for every English key. */
export const csRegions: Record<keyof typeof enRegions, string> = {
  'regions.title': 'Často měněné části stránek',
  'regions.intro':
    'Dnešní menu, otevírací doba na tento týden: označená část stránky, kterou měníte odsud. sitedesk změní jen tuto část a zbytek stránky nechá, jak je.',
  'regions.lookFor': 'Vyhledat označené části',
  'regions.looking': 'Hledám…',
  'regions.foundOn': 'Nalezené části na webu {site}: {count}.',
  'regions.noneOnSite': 'Na webu {site} zatím žádná označená část není.',
  'regions.pageProblems': 'Stránky webu {site}, jejichž značky je třeba zkontrolovat:',
  'regions.place': '{label} — {site} ({kind}), {page}',
  'regions.pageUntitled': 'stránka bez názvu',
  'regions.kind.wordpress': 'WordPress',
  'regions.kind.ghost': 'Ghost',
  'regions.kind.git': 'statický web',
  'regions.kind.gitWith': 'statický web, {generator}',
  'regions.status.ok': 'Připraveno',
  'regions.status.missing': 'Značky chybí',
  'regions.status.broken': 'Značky jsou poškozené',
  'regions.update': 'Změnit text',
  'regions.updateLabel': 'Změnit text: {label}',
  'regions.rename': 'Přejmenovat',
  'regions.labelField': 'Název v sitedesku',
  'regions.checkedAt': 'Text načten z webu {when}.',
  'regions.changedAt': 'Naposledy změněno sitedeskem {when}.',
  'regions.openPage': 'Otevřít stránku',
  'regions.howToFix': 'Jak to napravit: {fix}',
  'regions.problem.region_missing':
    'Značky části „{label}“ už na stránce {page} nejsou: někdo je odstranil, takže tam sitedesk nic nezmění.',
  'regions.fix.region_missing':
    'Vložte na stránku znovu {open} před text a {close} za něj, stránku uložte a pak vyhledejte označené části.',
  'regions.problem.region_unclosed':
    'Na stránce {page} má část „{label}“ počáteční značku, ale koncová chybí, takže tam sitedesk nic nezmění.',
  'regions.fix.region_unclosed':
    'Přidejte {close} za text, stránku uložte a pak vyhledejte označené části.',
  'regions.problem.region_unopened':
    'Na stránce {page} má část „{label}“ koncovou značku, ale počáteční chybí, takže tam sitedesk nic nezmění.',
  'regions.fix.region_unopened':
    'Přidejte {open} před text, stránku uložte a pak vyhledejte označené části.',
  'regions.problem.region_duplicated':
    'Na stránce {page} je část „{label}“ označená víckrát, sitedesk neví, kterou změnit, a nezmění nic.',
  'regions.fix.region_duplicated':
    'Ponechte kolem textu jen jednu značku {open} a jednu {close}, další kopie smažte, stránku uložte a pak vyhledejte označené části.',
  'regions.problem.region_overlap':
    'Na stránce {page} se část „{label}“ kříží s jinou označenou částí, takže tam sitedesk nic nezmění.',
  'regions.fix.region_overlap':
    'Posuňte značky tak, aby jedna část končila dřív, než začne další (nebo ležela celá uvnitř ní), stránku uložte a pak vyhledejte označené části.',
  'regions.problem.region_content_invalid':
    'Nový text části „{label}“ obsahuje značku nebo nedokončený komentář HTML, který by stránku rozbil.',
  'regions.fix.region_content_invalid':
    'Odstraňte z textu vše, co začíná <!--, a zveřejněte znovu.',
  'regions.problem.region_name_invalid':
    'Na stránce {page} má značka v názvu znaky, které sitedesk nemůže použít.',
  'regions.fix.region_name_invalid':
    'V názvu značky použijte jen malá písmena bez diakritiky, číslice a pomlčky, např. {open}.',
  'regions.problem.page_missing':
    'Stránka {page} s částí „{label}“ už na webu není (byla smazána nebo přesunuta).',
  'regions.fix.page_missing':
    'Pokud se stránka přesunula, označte část na nové stránce a vyhledejte označené části znovu.',
  'regions.problem.broken':
    'Značky části „{label}“ na stránce {page} nejsou v pořádku, takže tam sitedesk nic nezmění.',
  'regions.fix.broken':
    'Zkontrolujte, že stránka má přesně jednu značku {open} před textem a jednu {close} za ním, stránku uložte a pak vyhledejte označené části.',
  // a publication that found the markers gone or broken
  'cause.region_missing':
    'Označená část už na stránce není (někdo odstranil její značky); na stránce se nic nezměnilo. Vraťte značky zpět (viz Klienti a weby) a zkuste to znovu.',
  'cause.region_broken':
    'Značky označené části na stránce jsou poškozené; na stránce se nic nezměnilo. Opravte je (viz Klienti a weby) a zkuste to znovu.',
  'regions.updateTitle': 'Změnit text: {label}',
  'regions.backToClients': 'Zpět na klienty a weby',
  'regions.text': 'Nový text',
  'regions.readFailed': 'Web se teď nepodařilo načíst: toto je text, který sitedesk viděl {when}.',
  'regions.alsoOn': 'Stejný text dát také na',
  'regions.alsoOnHelp': 'Stejná část na dalších webech a stránkách klienta.',
  'regions.thisOne': 'Tato část: {place}',
  'regions.preview': 'Náhled stránky',
  'regions.previewTitle': 'Náhled',
  'regions.previewOf': '{page} na webu {site}',
  'regions.previewImage': '[Obrázek: {alt}]',
  'regions.publish': 'Zveřejnit',
  'regions.publishing': 'Zveřejňuji…',
  'regions.sameText': 'Tento text tam už je: není co zveřejnit.',
  'regions.textEmpty': 'Napište prosím nový text.',
  'regions.notReady': 'Tuto část nelze změnit, dokud nebudou její značky v pořádku:',
  'regions.againTitle': 'Text této části',
  'regions.again': 'Změnit text znovu',
  'regions.lastUpdate': 'Zobrazit poslední změnu',
  'regions.taskTitle': '{rawLabel}: nový text na {sites}',
  'regions.helpTitle': 'Jak označit část stránky',
  'regions.helpFor': 'Na webu {site} ({kind})',
  'regions.helpName': 'Jak části říkáte?',
  'regions.helpNameExample': 'např. {example}',
  'regions.exampleName': 'Otevírací doba',
  'regions.markerLines': 'Řádky k vložení',
  'regions.helpSampleText': 'Text, který sitedesk nahradí',
  'regions.help.wordpress':
    'Ve WordPressu otevřete stránku, tam, kde má text být, přidejte blok „Vlastní HTML“, vložte do něj toto a stránku aktualizujte:',
  'regions.help.ghost':
    'V Ghostu otevřete stránku nebo příspěvek, tam, kde má text být, přidejte kartu „HTML“ (napište /html), vložte do ní toto a stránku aktualizujte:',
  'regions.help.git':
    'V repozitáři webu otevřete soubor stránky (Markdown nebo HTML), tam, kde má text být, vložte tyto řádky a změnu odešlete (commit a push):',
  'regions.helpNameMissing': 'Napište název s aspoň jedním písmenem nebo číslicí.',
  'regions.copy': 'Kopírovat',
  'regions.copied': 'Zkopírováno.',
  'regions.copyFailed': 'Označte text výše a zkopírujte ho (Ctrl+C).',
  'regions.check': 'Zkontrolovat',
  'regions.checking': 'Kontroluji…',
  'regions.checkFound': 'Nalezeno: {place}. Teď ji můžete změnit.',
  'regions.checkNotFound':
    'Na webu {site} zatím nenalezeno. Je stránka uložená a jsou oba řádky přesně jako výše?',
};

import type { enWords } from './words-en.js';

/** Czech words a secretary can act on (the type asks for every English key). */
export const csWords: Record<keyof typeof enWords, string> = {
  'cause.site_busy':
    'Web byl přetížený nebo neodpověděl. Zkontrolujte, že se otevře v prohlížeči, a pak klikněte na Zveřejnit znovu.',
  causeBusyRetry:
    'Web byl přetížený nebo neodpověděl; sitedesk to zkusí znovu v {time} ({attempt}. pokus z {max}).',
  causeBusyGaveUp:
    'Web byl přetížený nebo neodpověděl, {max}krát po sobě. Zkontrolujte, že se otevře v prohlížeči, a pak klikněte na Zveřejnit znovu.',
  'cause.password_rejected':
    'WordPress už nepřijímá uložené heslo aplikace (bylo zrušené nebo se změnil uživatel). Vytvořte ve WordPressu nové (Uživatelé → Profil → Hesla aplikací) a uložte ho u tohoto webu v části',
  'cause.ghost_key_rejected':
    'Ghost už nepřijímá uložený klíč Admin API (integrace byla smazaná nebo klíč obnovený). Zkopírujte klíč Admin API v Ghostu (Settings → Integrations) a uložte ho u tohoto webu v části',
  'cause.ghost_key_wrong_kind':
    'Uložený klíč Ghostu není klíč Admin API (možná je to klíč Content API, který umí jen číst). Zkopírujte v Ghostu klíč Admin API dané integrace a uložte ho u tohoto webu v části',
  'cause.secret_missing':
    'Pro tento web není uložené heslo ani klíč. Uložte ho u webu a pak klikněte na Zveřejnit znovu:',
  'cause.no_permission':
    'Uživatel webu nesmí tohle zveřejnit. Dejte mu ve WordPressu roli Editor (v Ghostu použijte klíč vlastní integrace) a pak klikněte na Zveřejnit znovu.',
  'cause.answered_with_page':
    'Web místo rozhraní pro zveřejňování odpověděl webovou stránkou – často přihlašovací stránkou nebo kontrolou bezpečnostního pluginu. Požádejte správce webu, aby sitedesk pustil dál, a zkontrolujte adresu webu v části',
  'cause.remote_missing':
    'Web tento příspěvek ani stránku nenašel (možná je tam smazaný). Klikněte na Zveřejnit znovu; když to znovu selže, vyzkoušejte spojení v části Klienti a weby.',
  'cause.content_refused':
    'Web text v této podobě odmítl. Podrobnosti níže říkají, kterou část; upravte text a zveřejněte ho znovu.',
  'cause.git_auth_failed':
    'Repozitář už nepřijímá uložený přístupový token. Vytvořte nový token s právem zápisu a uložte ho u tohoto webu v části',
  'cause.git_forbidden':
    'Přístupový token smí repozitář číst, ale ne do něj zapisovat. Dejte mu právo zápisu (nebo vytvořte nový) a uložte ho v části',
  'cause.git_repo_missing':
    'Na uložené adrese žádný repozitář není, nebo ho token nevidí. Zkontrolujte adresu repozitáře v části',
  'cause.git_branch_missing':
    'Větev nastavená pro tento web v repozitáři neexistuje. Zkontrolujte větev v části',
  'cause.git_branch_protected':
    'Větev je chráněná: repozitář do ní nikomu nedovolí zapisovat přímo. Požádejte správce repozitáře, aby tokenu sitedesku povolil zápis, nebo zvolte jinou větev.',
  'cause.git_clone_damaged':
    'Pracovní kopie repozitáře v sitedesku je poškozená. Požádejte toho, kdo sitedesk spravuje, o opravu a pak klikněte na Zveřejnit znovu.',
  'cause.image_unreadable':
    'Obrázek k tomuto textu už na serveru není. Otevřete text, vložte obrázek znovu a zveřejněte ho znovu.',
  'cause.settings_invalid':
    'Nastavení tohoto webu je neúplné nebo neplatné. Opravte ho a vyzkoušejte spojení v části',
  'cause.unknown': 'Web to nepřijal. Vyzkoušejte spojení s tímto webem v části',
  storeSentenceKeychain: 'Hesla a klíče webů jsou uložené v klíčence tohoto počítače.',
  storeSentenceFile: 'Hesla a klíče webů jsou uložené v zašifrovaném souboru na serveru.',
  storeSentenceMemory:
    'Hesla a klíče webů se drží jen do zastavení sitedesku. Obraťte se na toho, kdo sitedesk spravuje.',
  navSystem: 'Systém',
  systemTitle: 'Systém',
  systemIntro: 'Jak je tento sitedesk nastavený. Tuto stránku vidí jen správci.',
  systemVersion: 'Verze',
  systemSecretStore: 'Úložiště hesel',
  systemStoreKind: 'Druh',
  systemStoreWhere: 'Kde',
  systemStoreWhy: 'Proč právě toto',
  systemStoreWarning: 'Upozornění',
  systemDatabase: 'Databáze',
  systemEnv: 'Proměnné prostředí, které to mění',
  systemDoctor: 'Úplnou kontrolu na serveru provede příkaz sitedesk doctor.',
  systemOnlyAdmins: 'Tuto stránku smí otevřít jen správci.',
  dtHintDateTime: 'Datum a čas, např. {example}.',
  dtHintDate: 'Datum, např. {example}.',
  dtHintTime: 'Čas ve 24hodinovém formátu, např. {example}.',
  dtShapeDateTime: 'd. m. rrrr h:mm',
  dtShapeDate: 'd. m. rrrr',
  dtShapeTime: 'h:mm',
  dtWrong: 'Tomuto sitedesk nerozumí. Napište to jako {example}.',
  addScheduleSubmit: 'Uložit pravidelnou aktualizaci',
  systemServerWords:
    'Kde a proč uvádí server vlastními slovy (anglicky), stejně jako sitedesk doctor.',
  systemEnvSet: 'nastavená',
  systemEnvUnset: 'nenastavená',
  'srv.empty': 'Vyplňte prosím.',
  'srv.required': 'Vyplňte prosím.',
  'srv.sayWhat': 'Napište, co se má změnit.',
  'srv.pickSite': 'Vyberte aspoň jeden web.',
  'srv.password12': 'Aspoň 12 znaků.',
  'srv.phone': 'Zadejte telefonní číslo, např. +420 601 234 567.',
  'srv.timezone': 'Zvolte časové pásmo, např. Europe/Prague.',
  'srv.endsAfterStart': 'Konec musí být po začátku.',
  'srv.fromBeforeTo': 'Začátek musí být před koncem.',
  'srv.email': 'Zadejte e-mailovou adresu, např. jana@example.com.',
  'srv.url': 'Zadejte celou adresu začínající https://.',
  'srv.tooLong': 'Je to příliš dlouhé (nejvýš {n} znaků).',
  'srv.dateTime': 'Zadejte datum a čas.',
  'srv.fieldOther': 'Tato hodnota není platná.',
  'srv.notFound': 'Tohle už tu není; možná to někdo odstranil. Načtěte stránku znovu.',
  'srv.invalid': 'Některá pole ještě nejsou v pořádku; podívejte se na zprávy u nich.',
  'srv.tooLarge': 'Tohle je příliš velké na odeslání.',
  'srv.forbidden': 'Váš účet tohle dělat nesmí. Požádejte správce.',
  'srv.internal':
    'Na serveru se něco pokazilo. Zkuste to znovu; když se to bude opakovat, dejte vědět tomu, kdo sitedesk spravuje.',
  'srv.generalOther':
    'Něco se nepovedlo (kód {code}). Zkuste to znovu; když se to bude opakovat, dejte vědět tomu, kdo sitedesk spravuje.',
};

// What Test connection found, in Czech, by the stable cause code of the connectors' verify().
// The server words the diagnosis in English with the site's own details (addresses, user
// names); a Czech reader gets this sentence first and the English details folded below.

/** Czech wording of a verify() cause: what is wrong and what to do. */
export const causesCs: Record<string, string> = {
  secret_missing:
    'Pro tento web není uložené heslo aplikace. Vytvořte ho ve WordPressu (Uživatelé → Profil → Hesla aplikací) a uložte ho tady.',
  unreachable:
    'Web se nepodařilo zastihnout. Zkontrolujte adresu (úvodní stránku, např. https://example.com) a že web běží.',
  not_wordpress:
    'Na této adrese není WordPress. Zadejte adresu úvodní stránky webu (případně i se složkou, kde WordPress je).',
  rest_api_disabled:
    'Web je na WordPressu, ale jeho REST API je vypnuté (bezpečnostním pluginem nebo hostingem). Povolte ho přihlášeným uživatelům nebo požádejte hosting.',
  application_passwords_unavailable:
    'Hesla aplikací jsou na webu nebo pro tohoto uživatele vypnutá (nebo web neběží přes https). Zapněte je, případně použijte adresu https://.',
  wrong_username:
    'WordPress takového uživatele nezná. Zadejte přihlašovací jméno, pro které bylo heslo aplikace vytvořené.',
  wrong_password:
    'WordPress uložené heslo aplikace nepřijal. Vytvořte ve WordPressu nové heslo aplikace a uložte ho tady.',
  authorization_header_stripped:
    'Server před WordPressem zahazuje hlavičku Authorization, takže přihlášení neprojde. Správce webu nebo hosting ji musí propustit (podrobnosti níže).',
  credentials_rejected:
    'WordPress přihlašovací údaje odmítá. Nejdřív uložte nové heslo aplikace; když to nepomůže, server zahazuje hlavičku Authorization (podrobnosti níže).',
  insufficient_permissions:
    'Uživatel nemá dost oprávnění. Dejte mu ve WordPressu roli Editor (nebo Administrátor), případně použijte jiného uživatele.',
  key_missing: 'Pro tento web není uložený klíč Admin API. Vytvořte ho v Ghostu a uložte ho tady.',
  key_malformed:
    'Uložený klíč není klíč Admin API z Ghostu (možná je to klíč Content API, který umí jen číst). Zkopírujte v Ghostu celý klíč Admin API (tvar id:tajemství) a uložte ho tady.',
  ghost_too_old: 'Web běží na příliš staré verzi Ghostu; sitedesk potřebuje Ghost 5 nebo novější.',
  key_read_only:
    'Ghost klíč přijímá, ale nedovolí s ním upravovat příspěvky. Použijte klíč vlastní integrace.',
  site_unreachable: 'Web se nepodařilo zastihnout. Zkontrolujte adresu a že web běží.',
  site_redirects: 'Adresa přesměrovává jinam. Zadejte konečnou adresu webu.',
  not_ghost: 'Na této adrese odpovídá něco jiného než Ghost. Zkontrolujte adresu.',
  key_revoked:
    'Ghost tento klíč nezná (byl smazaný nebo zneplatněný). Vytvořte nový a uložte ho tady.',
  clock_skew:
    'Hodiny tohoto počítače a serveru s Ghostem se rozcházejí, takže Ghost klíč odmítá. Seřiďte čas.',
  key_wrong_secret:
    'Ghost zná id klíče, ale tajná část nesedí. Zkopírujte klíč znovu celý a uložte ho tady.',
  key_rejected: 'Ghost klíč odmítl. Vytvořte nový klíč Admin API a uložte ho tady.',
  git_auth_failed:
    'Repozitář přístupový token nepřijal (nebo žádný není uložený). Uložte platný token s právem zápisu.',
  git_folders_missing:
    'V repozitáři chybí složka pro příspěvky. Zkontrolujte nastavení generátoru a složek.',
  git_forbidden:
    'Přístupový token smí repozitář číst, ale ne do něj zapisovat. Dejte mu právo zápisu (třeba „Contents: read and write“) nebo vytvořte nový.',
  git_unreachable:
    'Server s repozitářem se nepodařilo zastihnout. Zkontrolujte adresu repozitáře a připojení k internetu.',
  git_timeout: 'Server s repozitářem neodpověděl včas. Zkuste to za chvíli znovu.',
  git_branch_missing:
    'Zadaná větev v repozitáři neexistuje. Opravte název větve, nebo ji v repozitáři vytvořte.',
  git_repo_missing:
    'Na zadané adrese žádný repozitář není, nebo ho token nevidí. Zkontrolujte adresu repozitáře a oprávnění tokenu.',
  git_branch_protected:
    'Větev je chráněná a repozitář do ní nedovolí zapisovat přímo. Povolte tokenu zápis, nebo zvolte jinou větev.',
  git_push_rejected: 'Repozitář mezitím změnil někdo jiný. Zkuste to znovu.',
  git_failed: 'Git ohlásil chybu (podrobnosti níže).',
  git_build_failed: 'Web se z repozitáře nepodařilo sestavit (podrobnosti níže).',
  unexpected: 'Web odpověděl neočekávaně (podrobnosti níže).',
};

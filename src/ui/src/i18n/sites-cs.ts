import type { enSites } from './sites-en.js';

/** Czech words of setting up and changing sites (issue 14 "Sites"); vykání. */
export const csSites: Record<keyof typeof enSites, string> = {
  siteAddress: 'Adresa webu',
  siteAddressHelp: 'Jeho úvodní stránka, např. https://www.pekarna.cz',
  siteAddressGit: 'Veřejná adresa hotového webu',
  siteAddressGitHelp:
    'Kde web vidí návštěvníci, např. https://www.pekarna.cz. Odkaz „Zobrazit zveřejněnou stránku“ vede sem a sitedesk tu kontroluje každou zveřejněnou stránku. Není to adresa repozitáře.',
  ghostAdminUrl: 'Adresa administrace Ghostu (jen pokud je jiná)',
  ghostAdminUrlHelp:
    'Jen když se administrace Ghostu otevírá jinde, např. https://pekarna.ghost.io',
  wpUserHelp: 'Přihlašovací jméno ve WordPressu, ke kterému patří heslo aplikace.',
  gitRepoHelp: 'Adresa pro klonování, např. https://github.com/pekarna/web.git',
  gitBranchHelp: 'Když necháte prázdné, použije se main.',
  gitGenerator: 'Generátor webu',
  gitGeneratorDetect: 'Zjistit z repozitáře',
  gitGeneratorHelp:
    'Při kontrole webu sitedesk najde konfigurační soubor generátoru. Můžete vybrat i jiný.',
  gitPostsDir: 'Složka pro příspěvky',
  gitPagesDir: 'Složka pro stránky',
  gitFoldersHelp: 'Když necháte prázdné, použije se obvyklá složka generátoru.',
  gitAuthorName: 'Jméno u změn',
  gitAuthorEmail: 'E-mail u změn',
  gitAuthorHelp: 'Když necháte prázdné, změny se podepíšou vaším uživatelským jménem.',
  gitUsername: 'Uživatelské jméno k tokenu (jen pokud ho hosting chce)',
  gitUsernameHelp: 'GitLab: oauth2. GitHub a většina ostatních: nechte prázdné.',
  moreSettings: 'Další nastavení (pro technika)',
  moreSettingsHelp:
    'Jakékoli další nastavení zapsané jako JSON, např. {"timeoutMs": 60000}. Pokud si nejste jistí, nechte ho, jak je.',
  moreSettingsInvalid: 'Tohle není platný JSON: {message}',
  changeSite: 'Změnit',
  changeSiteTitle: 'Změnit „{name}“',
  addAndCheck: 'Přidat a zkontrolovat',
  saveAndCheck: 'Uložit a zkontrolovat',
  checkingSite: 'Kontroluji web…',
  'siteAccepted.wordpress': 'Heslo přijato',
  'siteAccepted.ghost': 'Klíč přijat',
  'siteAccepted.git': 'Přístup funguje',
  siteNotWorking: 'Zatím nefunguje',
  siteNotChecked: 'Zatím nezkontrolováno',
  siteCheckedAt: 'Zkontrolováno {when}',
  siteGeneratorFound: 'Generátor: {generator}',
  sitePickerNotWorking: 'zatím nefunguje: {cause}',
  sitePickerFix: 'Opravte ho v části Klienti a weby a pak ho znovu zkontrolujte.',
  'siteCause.settings_invalid':
    'Některá nastavení tohoto webu nejsou platná (uložila je starší verze). Otevřete Změnit a opravte označená pole.',
  'siteCause.git_generator_unknown':
    'Repozitář nemá konfigurační soubor Huga, Jekyllu, Eleventy ani Astra. Vyberte generátor v části Změnit, nebo zkontrolujte adresu repozitáře.',
  'siteCause.check_failed': 'Kontrola se nepovedla.',
  siteCauseDetails: 'Co web odpověděl',
  secretSavedChecked: 'Uloženo a web se s ním zkontroloval.',
};

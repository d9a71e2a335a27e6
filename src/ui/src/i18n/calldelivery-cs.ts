import type { enCallDelivery } from './calldelivery-en.js';

/** Česky: vzkaz z hovoru, který se ke klientovi nedostal — co se stalo, proč a co s tím. */
export const csCallDelivery: Record<keyof typeof enCallDelivery, string> = {
  'cd.retrying':
    'Vzkaz se ke klientovi zatím nedostal: {cause}. sitedesk to sám zkouší znovu každou minutu.',
  'cd.digestFailed':
    'Denní souhrn s tímto vzkazem se klientovi nepodařilo odeslat: {cause}. Sám se už znovu neodešle.',
  'cd.failed': 'Vzkaz se klientovi nepodařilo odeslat: {cause}. Sám se už znovu neodešle.',
  'cd.passOn': 'Předejte klientovi vzkaz jinak: zavolejte mu nebo mu napište.',
  'cd.do.down':
    'Na obrazovce Klienti a weby vyzkoušejte klientovu schránku (tlačítko Vyzkoušet). Pokud poštovní server nejede, počkejte na něj nebo se obraťte na jeho správce.',
  'cd.do.login':
    'Na obrazovce Klienti a weby uložte schránce platné heslo (Změnit u Poštovních schránek) a pak ji vyzkoušejte.',
  'cd.do.noPassword':
    'Na obrazovce Klienti a weby uložte schránce heslo (Změnit u Poštovních schránek) a pak ji vyzkoušejte.',
  'cd.do.refused':
    'Zkontrolujte klientovu e-mailovou adresu pro vzkazy (kontakt klienta na obrazovce Klienti a weby).',
  'cd.do.starttls':
    'Na obrazovce Klienti a weby nastavte schránce šifrování TLS a jeho port (obvykle 465), nebo se obraťte na správce poštovního serveru.',
  'cd.do.other':
    'Na obrazovce Klienti a weby vyzkoušejte klientovu schránku (tlačítko Vyzkoušet). Co poštovní server odpověděl, najdete v technických podrobnostech níže.',
  'history.task.deliveryWaiting': 'Vzkaz se ke klientovi zatím nedostal: {reason}',
  'history.task.urgentAgain': '{who}: naléhavý e-mail znovu zařazen k přeposlání na adresu {to}',
  'history.task.urgentRetrying':
    'Naléhavý e-mail se zatím nepodařilo přeposlat: {reason}; sitedesk to zkusí znovu sám',
};

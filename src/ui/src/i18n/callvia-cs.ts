import type { enCallVia } from './callvia-en.js';

/** Czech words of how a call came (issue 24). */
export const csCallVia: Record<keyof typeof enCallVia, string> = {
  'mdVia.missed': 'Zmeškaný hovor: nikdo ho nevzal a vzkaz nezůstal.',
  'mdVia.voicemail': 'Volající nechal(a) hlasovou zprávu.',
  'mdVia.incoming': 'Hovor byl přijat.',
  callWhyNoSettings:
    'klient zatím nemá nastavené hodiny ani pravidla přepojení (nastavte je u klienta), proto se hovory nepřepojují.',
  callWhyNoEmail: 'klient nemá e-mailovou adresu pro vzkazy; doplňte ji do kontaktu klienta.',
  callWhyNoMailbox: 'klient nemá schránku, ze které by vzkazy odešly; přidejte ji u klienta.',
};

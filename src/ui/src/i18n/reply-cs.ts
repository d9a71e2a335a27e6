import type { enReply } from './reply-en.js';

/** Czech words of issue 15's later parts: the client's mail signature, screens loaded apart. */
export const csReply: Record<keyof typeof enReply, string> = {
  signatureTitle: 'Podpis v e-mailech',
  signatureHelp:
    'Připojí se pod každou odpověď odeslanou ze schránek tohoto klienta, ve formátované i prosté podobě.',
  signatureText: 'Podpis',
  signatureSave: 'Uložit podpis',
  signatureSaved: 'Podpis je uložen.',
  signatureNone: 'Zatím bez podpisu.',
  screenLoadFailed: 'Tato obrazovka se nenačetla; spojení možná na chvíli vypadlo.',
  screenReload: 'Načíst stránku znovu',
};

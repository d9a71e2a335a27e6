/** A Czech and an English letterhead and letter, shared by the letter tests. */
import {
  letterheadInputSchema,
  type LetterheadInput,
} from '../../../../src/tasks/letters/letterhead-schema.js';
import type { LetterheadForPdf } from '../../../../src/tasks/letters/letter-pdf.js';
import { checkLetterImage } from '../../../../src/tasks/letters/letterhead-images.js';
import { logoPng, signaturePng } from './png.js';

export const czechHeadInput: LetterheadInput = {
  name: 'Česká hlavička',
  language: 'cs',
  sender: ['Pekařství U Kašpárků s.r.o.', 'Dlouhá 12', '110 00 Praha 1'],
  footer: ['IČO 12345678 · DIČ CZ12345678', 'Účet 123456789/0100, Komerční banka'],
  logo: { data: logoPng().toString('base64') },
  signature: {
    image: { data: signaturePng().toString('base64') },
    name: 'Růžena Kašpárková',
    role: 'jednatelka',
  },
};

export const englishHeadInput: LetterheadInput = {
  ...czechHeadInput,
  name: 'English letterhead',
  language: 'en',
  paper: 'Letter',
  typeface: 'serif',
  footer: ['Company ID 12345678 · VAT CZ12345678'],
  signature: { ...czechHeadInput.signature, role: 'Managing director' },
};

/** A letterhead ready for the PDF, images decoded. */
export function headForPdf(input: object): LetterheadForPdf {
  const head = letterheadInputSchema.parse(input);
  const image = (data?: string) => {
    if (!data) return undefined;
    const checked = checkLetterImage(data, 'image');
    if ('issue' in checked) throw new Error(checked.issue.message);
    return checked.image;
  };
  return {
    ...head,
    logo: image(head.logo?.data),
    signature: { ...head.signature, image: image(head.signature.image?.data) },
  };
}

export const czechBody = [
  'Vážená paní Dvořáková,',
  '',
  'děkujeme za **Vaši objednávku** ze dne 3. prosince. Příliš žluťoučký kůň úpěl ďábelské ódy.',
  'Dodání proběhne ve čtvrtek; účtenku přiložíme _k zásilce_.',
  '',
  '- chléb kváskový, 4 ks',
  '- rohlíky tukové, 120 ks',
].join('\n');

export const englishBody = [
  'Dear Mr Thompson,',
  '',
  'thank you for your **order** of 3 December. The quick brown fox jumps over the lazy dog.',
  'Delivery follows on Thursday; the receipt comes _with the parcel_.',
  '',
  '1. sourdough bread, 4 loaves',
  '2. butter rolls, 120 pieces',
].join('\n');

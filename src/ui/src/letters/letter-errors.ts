/**
 * A failed letter call in her words: each problem next to its field (the letter API names
 * fields without `body.`, e.g. `recipient.address.0`), the letter checks' English sentences
 * said in the catalog's words, and the letter's own refusals (not approved, already sent).
 */
import { ApiError } from '../api/client.js';
import type { T } from '../i18n/i18n.js';
import { formErrors } from '../parts/errors.js';
import { fieldWords } from '../parts/server-words.js';
import type { LetterKey, W } from './words.js';

/** Field errors by path (`recipient.address.0`, `signature.name`) and a general message. */
export interface LetterErrors {
  fields: Record<string, string>;
  general?: string;
}

// The letter checks' sentences (src/tasks/letters) → words of the letters catalog.
const sentences: [RegExp, LetterKey][] = [
  [/too long for the envelope window/, 'errTooManyLines'],
  [/too wide for the envelope window/, 'errTooWide'],
  [/HTML or links a letter cannot carry|HTML that could not be checked/, 'errBodyHtml'],
  [/must be a PNG or JPEG|not a PNG or JPEG|must be an image|is not an image/i, 'errImage'],
  [/too large|at most 300 KB|px a side/i, 'errImageSize'],
  [/must contain \{n\}/, 'errNumbering'],
  [/must be a date format/, 'errDateFormat'],
  [/must name who signs/, 'errSigner'],
  [/is needed to send the letter by e-mail/, 'errNoEmail'],
  [/the client has no mailbox/, 'errNoMailbox'],
  [/must be an e-mail address/, 'errEmail'],
  [/must be a voice message/, 'errAudio'],
  [/must be at most \d+ bytes/, 'errAudioSize'],
  [/at most \d+ voice messages/, 'errAudioMany'],
];

const codes: Record<string, LetterKey> = {
  letter_not_approved: 'errNotApproved',
  letter_sent: 'errAlreadySent',
};

/** Splits an API error of a letter call into messages by field and one general message. */
export function letterErrors(
  err: unknown,
  t: T,
  w: W,
  shown: readonly string[] = [],
): LetterErrors {
  if (!(err instanceof ApiError)) return formErrors(err, t);
  const code = codes[err.code];
  if (code) return { fields: {}, general: w(code) };
  if (err.status !== 400 || err.details.length === 0) return formErrors(err, t);
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const d of err.details) {
    const path = d.path.replace(/^body\./, '');
    const known = sentences.find(([re]) => re.test(d.message));
    const words = known ? w(known[1]) : fieldWords(d.message, t);
    // The field itself and its parent (an address line is shown under the address).
    fields[path] ??= words;
    const parent = path.replace(/\.\d+$/, '');
    if (parent !== path) fields[parent] ??= words;
    if (path.startsWith('logo.')) fields.logo ??= words;
    // A problem with no field of its own on this form is said above it.
    if (!shown.some((f) => path === f || path.startsWith(`${f}.`) || parent === f))
      elsewhere.push(words);
  }
  return { fields, ...(elsewhere.length ? { general: elsewhere.join(' ') } : {}) };
}

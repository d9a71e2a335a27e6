/**
 * The one slug function of sitedesk (issue 23): the CLI, the API, the web app and schedules
 * all make slugs here, so one title gives one slug wherever it is typed. Accented letters
 * keep their base letter (`Týdenní speciality` → `tydenni-speciality`), so Czech, German and
 * French words stay readable instead of breaking apart where a letter had a mark.
 *
 * This file imports nothing and touches no Node API: the web app bundles it too (the one
 * exception to "ui imports nothing", see tools/eslint/import-layers.js).
 */

/** Letters that Unicode does not decompose into a base letter and a mark. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');
/** Combining marks left after NFKD (acute, caron, ring, umlaut, cedilla …). */
const MARKS = /\p{M}+/gu;
/** Apostrophes join a word rather than split it: `l'été` → `lete`, `don't` → `dont`. */
const APOSTROPHES = /['’ʼ`´]/g;

/** Default longest slug, in characters (what the API accepts). */
export const SLUG_MAX_LENGTH = 200;

/**
 * A URL slug of `text`: lowercase ASCII letters, digits and single inner hyphens, at most
 * `maxLength` characters (cut at a word boundary when one is near). Empty when `text` has
 * no letter or digit at all; callers choose their own fallback.
 */
export function slugify(text: string, maxLength = SLUG_MAX_LENGTH): string {
  const slug = text
    .replace(SPECIAL, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  // Cut at a hyphen unless that would throw away more than a third of the room.
  const kept = lastHyphen > (maxLength * 2) / 3 ? cut.slice(0, lastHyphen) : cut;
  return kept.replace(/-+$/, '');
}

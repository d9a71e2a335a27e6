/**
 * The one slug function (issue 23): Czech, German and French titles stay readable, and every
 * caller (CLI file names, CLI schedules, API default, schedule templates) gives the same slug.
 */
import { describe, expect, it } from 'vitest';
import { slugFromName } from '../../../src/cli/publish-file.js';
import { SLUG_MAX_LENGTH, slugify } from '../../../src/content/slug.js';
import { slugOf } from '../../../src/tasks/schedules/template.js';
import { slugSchema } from '../../../src/tasks/schemas/common.js';

const corpus: [string, string][] = [
  // Czech: every letter with a háček, čárka or kroužek keeps its base letter.
  ['Týdenní speciality', 'tydenni-speciality'],
  ['Polední menu — čtvrtek', 'poledni-menu-ctvrtek'],
  ['Příliš žluťoučký kůň úpěl ďábelské ódy', 'prilis-zlutoucky-kun-upel-dabelske-ody'],
  ['ŘEZNICTVÍ U ŠŤASTNÉHO ČERTA', 'reznictvi-u-stastneho-certa'],
  ['Otevírací doba: Po–Pá 7:00–18:00', 'oteviraci-doba-po-pa-7-00-18-00'],
  ['Dort „Ořechový“ 20 % sleva!', 'dort-orechovy-20-sleva'],
  // German: umlauts lose their dots, ß becomes ss.
  ['Grüße aus der Bäckerei', 'grusse-aus-der-backerei'],
  ['Öffnungszeiten über Ostern', 'offnungszeiten-uber-ostern'],
  ['STRAẞENFEST', 'strassenfest'],
  // French: accents, ligatures and apostrophes inside words.
  ['Crème brûlée de l’été', 'creme-brulee-de-lete'],
  ["Menu d'hiver à la française", 'menu-dhiver-a-la-francaise'],
  ['Œufs en cocotte & pâtisserie', 'oeufs-en-cocotte-patisserie'],
  ['Noël à Besançon', 'noel-a-besancon'],
  // The same text typed with combining marks (decomposed) gives the same slug.
  ['Ty\u0301denni\u0301 speciality', 'tydenni-speciality'],
  // Others that do not decompose.
  ['Smørrebrød', 'smorrebrod'],
  ['Łódź', 'lodz'],
];

describe('slugify', () => {
  it.each(corpus)('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
    expect(slugSchema.safeParse(slugify(title)).success).toBe(true);
  });

  it('is empty when nothing readable is left (callers pick a fallback)', () => {
    expect(slugify('!!! — ???')).toBe('');
    expect(slugOf('!!!')).toBe('post');
  });

  it('cuts a long title at a word boundary within the limit, never ending in a hyphen', () => {
    const long = 'Týdenní speciality '.repeat(30);
    const slug = slugify(long);
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(slug.endsWith('speciality') || slug.endsWith('tydenni')).toBe(true);
    expect(slugify('a'.repeat(300))).toHaveLength(SLUG_MAX_LENGTH);
    expect(slugify('Týdenní speciality', 10)).toBe('tydenni');
  });

  it('is the slug of a CLI file name and of a schedule template', () => {
    expect(slugFromName('/menus/Týdenní speciality.md')).toBe('tydenni-speciality');
    expect(slugOf('Týdenní speciality-2026-03-09')).toBe('tydenni-speciality-2026-03-09');
  });
});

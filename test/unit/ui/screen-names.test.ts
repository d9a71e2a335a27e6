/**
 * Words that send her somewhere name the screen as the menu names it (a Czech letter form said
 * "jako v obrazovce Psát" after the menu had become "Psaní"), and the English screens say
 * "marked part", not the developers' "region" (a button said "Look for regions"). Every area
 * file of src/ui/src/i18n is read, the screens' own chunks (letters, mailings, …) included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cs } from '../../../src/ui/src/i18n/cs.js';
import { en } from '../../../src/ui/src/i18n/en.js';

const DIR = join(import.meta.dirname, '../../../src/ui/src/i18n');

/** Every value of every `<area>-<lang>.ts` catalog, with where it comes from. */
async function valuesOf(lang: 'en' | 'cs'): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(`-${lang}.ts`))) {
    const module = (await import(join(DIR, file))) as Record<string, unknown>;
    for (const catalog of Object.values(module))
      if (catalog && typeof catalog === 'object')
        for (const [key, value] of Object.entries(catalog))
          if (typeof value === 'string') out.push([`${file} ${key}`, value]);
  }
  for (const [key, value] of Object.entries(lang === 'en' ? en : cs)) out.push([key, value]);
  return out;
}

const menu = (catalog: Record<string, string>) =>
  Object.entries(catalog)
    .filter(([key]) => key.startsWith('nav'))
    .map(([, label]) => label);

describe('names of screens and things in the words', () => {
  it('names a Czech screen as the menu does', async () => {
    const labels = menu(cs);
    expect(labels).toContain('Psaní');
    const wrong = (await valuesOf('cs')).filter(([, v]) =>
      [...v.matchAll(/obrazovce ([^\s,.;)]+(?: a [^\s,.;)]+)?)/g)].some(
        (m) => !labels.includes(m[1]!),
      ),
    );
    expect(wrong).toEqual([]);
  });

  it('names an English screen as the menu does', async () => {
    const labels = menu(en);
    const wrong = (await valuesOf('en')).filter(([, v]) =>
      [...v.matchAll(/\bthe ([A-Z][\w ]*?) screen\b|\bOn ([A-Z][\w ]*?),/g)].some(
        (m) => !labels.includes((m[1] ?? m[2])!),
      ),
    );
    expect(wrong).toEqual([]);
  });

  it('says "marked part" on the English screens, never "region"', async () => {
    const wrong = (await valuesOf('en')).filter(([, v]) => /\bregions?\b/i.test(v));
    expect(wrong).toEqual([]);
  });

  it('gives each key one meaning: no area file of the app’s catalog overrides another', async () => {
    // The drafts' "This text was changed somewhere else" showed as the git conflicts' "Two
    // versions of this page": both areas named their key conflictTitle, and the later won.
    for (const [lang, catalog] of [
      ['en', en],
      ['cs', cs],
    ] as const) {
      const main = readFileSync(join(DIR, `${lang}.ts`), 'utf8');
      const files = [...main.matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => `${m[1]}.ts`);
      const seen = new Map<string, string>();
      const clashes: string[] = [];
      for (const file of files.filter((f) => f.endsWith(`-${lang}.ts`))) {
        const module = (await import(join(DIR, file))) as Record<string, Record<string, string>>;
        for (const area of Object.values(module))
          for (const [key, value] of Object.entries(area)) {
            if (seen.has(key)) clashes.push(`${key}: ${seen.get(key)} and ${file}`);
            else if ((catalog as Record<string, string>)[key] !== value)
              clashes.push(`${key}: ${file} and ${lang}.ts`);
            seen.set(key, file);
          }
      }
      expect(clashes).toEqual([]);
    }
  });
});

/**
 * Tags and categories by name: looked up (`?search=`), created when missing, and remembered
 * per connector instance so a run of publishes asks once per name. Names are plain text, sent
 * HTML-escaped (content/plain-text.ts `toWordPressText`, issue 16): WordPress strips tags from
 * a term name, so `<b>` would be lost or, alone, refused as `500 empty_term_name`.
 */
import { z } from 'zod';
import { fromWordPressText, toWordPressText, visibleText } from '../../content/plain-text.js';
import { ValidationError } from '../../shared/errors.js';
import { errorFromAnswer, type WordPressClient } from './client.js';
import { wpTermSchema } from './schemas.js';

/** The two taxonomies sitedesk fills. */
export type Taxonomy = 'tags' | 'categories';

/** Resolves names to term ids, creating missing terms. */
export interface TermResolver {
  ids(taxonomy: Taxonomy, names: readonly string[]): Promise<number[]>;
}

const wpTermIdSchema = z.looseObject({ id: z.number().int() });
const termExistsSchema = z.looseObject({
  code: z.literal('term_exists'),
  data: z.looseObject({ term_id: z.number().int() }),
});

/** A resolver with its own cache (one per connector instance, never shared between sites). */
export function createTermResolver(client: WordPressClient, now: () => number): TermResolver {
  const cache = new Map<string, number>();

  const resolveOne = async (taxonomy: Taxonomy, name: string): Promise<number> => {
    const key = `${taxonomy}:${normalise(name)}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    // WordPress searches the stored, escaped name.
    const { data } = await client.call(
      {
        route: `/wp/v2/${taxonomy}`,
        query: { search: toWordPressText(name), per_page: 100, _fields: 'id,name,slug' },
      },
      wpTermSchema.array(),
    );
    const found = data.find((term) => normalise(decodeEntities(term.name)) === normalise(name));
    const id = found?.id ?? (await create(taxonomy, name));
    cache.set(key, id);
    return id;
  };

  const create = async (taxonomy: Taxonomy, name: string): Promise<number> => {
    const { response, url } = await client.send({
      method: 'POST',
      route: `/wp/v2/${taxonomy}`,
      query: { _fields: 'id' },
      data: { name: toWordPressText(name) },
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (response.ok) return wpTermIdSchema.parse(json).id;
    // The search can miss a term (e.g. a name that differs only in accents): WordPress then
    // refuses the duplicate and names the existing term, which is as good.
    const exists = termExistsSchema.safeParse(json);
    if (exists.success) return exists.data.data.term_id;
    throw errorFromAnswer('POST', url, response, text, now());
  };

  return {
    ids: async (taxonomy, names) => {
      const unique = [...new Set(names.map((name) => name.trim()).filter((name) => name !== ''))];
      checkNames(taxonomy, unique);
      const ids: number[] = [];
      for (const name of unique) ids.push(await resolveOne(taxonomy, name));
      return ids;
    },
  };
}

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

/** WordPress stores a term name in 200 characters (`wp_terms.name`), escaped. */
const TERM_NAME_MAX = 200;

/**
 * Refuses names WordPress cannot store as text, before anything is sent: one made only of
 * markup (stripped to nothing, then `500 empty_term_name`, which looks like a passing fault)
 * and one whose escaped form is over 200 characters.
 */
function checkNames(taxonomy: Taxonomy, names: readonly string[]): void {
  const issues = names.flatMap((name, index) => {
    if (visibleText(name) === '')
      return [{ path: `${taxonomy}.${index}`, message: 'must contain text, not only markup' }];
    if ([...toWordPressText(name)].length > TERM_NAME_MAX)
      return [
        {
          path: `${taxonomy}.${index}`,
          message: `is too long for WordPress (${TERM_NAME_MAX} characters, each < > & " ' % counting as 4–6)`,
        },
      ];
    return [];
  });
  if (issues.length > 0)
    throw new ValidationError(
      `WordPress cannot store these ${taxonomy}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    );
}

/** WordPress returns term names HTML-escaped (`Food &amp; Drink`): the plain name. */
export function decodeEntities(text: string): string {
  return fromWordPressText(text);
}

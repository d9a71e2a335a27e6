/**
 * Tags and categories by name: looked up (`?search=`), created when missing, and remembered
 * per connector instance so a run of publishes asks once per name.
 */
import { z } from 'zod';
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
    const { data } = await client.call(
      {
        route: `/wp/v2/${taxonomy}`,
        query: { search: name, per_page: 100, _fields: 'id,name,slug' },
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
      data: { name },
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
      const ids: number[] = [];
      for (const name of unique) ids.push(await resolveOne(taxonomy, name));
      return ids;
    },
  };
}

function normalise(name: string): string {
  return name.trim().toLowerCase();
}

/** WordPress returns term names HTML-escaped (`Food &amp; Drink`). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

import { parse } from 'node:querystring';
import type { z } from 'zod';
import type { FieldIssue } from '../../shared/errors.js';
import { forbiddenKeys, parsePart } from '../api/validate.js';

/** Raw query strings → cache keys of their valid parse. */
export interface QueryKeys {
  /** The key of `raw` (the part of the URL after `?`), or undefined when the query is not valid. */
  of(raw: string): string | undefined;
}

// Characters for which express's URL parser (parseurl) leaves its fast path; such a URL is left
// to express rather than risk splitting it differently.
const ODD_CHARACTERS = /[\t\n\f\r #\u00a0\ufeff]/;

/**
 * Keys of query strings, parsed the way a mounted route parses them: node's querystring (the
 * app's `query parser` is 'simple'), no prototype keys, then `schema`. A valid query's key is
 * remembered by its raw string (at most `max` strings, default 500, of at most `maxLength`
 * characters, default 1000): the parse is a pure function of the string, so a kept key can
 * never be wrong, and polling clients send the same few strings over and over.
 */
export function createQueryKeys<S extends z.ZodType>(
  schema: S,
  keyOf: (query: z.output<S>) => string,
  options: { max?: number; maxLength?: number } = {},
): QueryKeys {
  const max = options.max ?? 500;
  const maxLength = options.maxLength ?? 1000;
  let keys = new Map<string, string>();
  return {
    of(raw) {
      const kept = keys.get(raw);
      if (kept !== undefined) return kept;
      if (ODD_CHARACTERS.test(raw)) return undefined;
      const query = parse(raw);
      const issues: FieldIssue[] = forbiddenKeys(query, 'query');
      const parsed = parsePart(schema, { ...query }, 'query', issues);
      if (issues.length || parsed === undefined) return undefined;
      const key = keyOf(parsed);
      if (raw.length <= maxLength) {
        if (keys.size >= max) keys = new Map();
        keys.set(raw, key);
      }
      return key;
    },
  };
}

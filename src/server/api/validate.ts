import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../shared/errors.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of keys that could pollute prototypes (`__proto__`, `constructor`, `prototype`), at any depth. */
export function forbiddenKeys(value: unknown, path: string, depth = 0): FieldIssue[] {
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(FORBIDDEN_KEYS.has(key)
      ? [{ path: `${path}.${key}`, message: 'this key is not allowed' }]
      : []),
    ...forbiddenKeys(inner, `${path}.${key}`, depth + 1),
  ]);
}

/** Parses one part of a request; issues are collected with the part as path prefix (`body.name`). */
export function parsePart<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: 'params' | 'query' | 'body',
  issues: FieldIssue[],
): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = [part, ...issue.path.map(String)];
    // One detail per unknown key, named by the key itself (zod names only the object).
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys)
        issues.push({ path: [...at, key].join('.'), message: 'is not a known field' });
    else issues.push({ path: at.join('.'), message: issue.message });
  }
  return undefined;
}

/** The 400 for a request with the given issues. */
export function badRequest(issues: FieldIssue[]): ValidationError {
  const fields = issues
    .slice(0, 10)
    .map((d) => d.path)
    .join(', ');
  return new ValidationError(`The request is not valid (${fields}).`, issues.slice(0, 100));
}

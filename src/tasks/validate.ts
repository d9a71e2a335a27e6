import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../shared/errors.js';

/**
 * Parses `input` with `schema`; a failure is a ValidationError naming every wrong field
 * (dotted paths such as `details.number`), thrown before anything is written.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  throw invalid(what, details);
}

/** A ValidationError for `what` with the given field issues, e.g. an unknown client id. */
export function invalid(what: string, details: FieldIssue[]): ValidationError {
  const fields = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new ValidationError(`The ${what} is not valid: ${fields}`, details);
}

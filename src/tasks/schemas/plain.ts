/**
 * The plain-text fields of a content item at the edge (issue 16, DESIGN.md "Rich and plain
 * fields"): the rules live in content/plain-text.ts, these schemas apply them so a wrong value
 * is a 400 naming the field, before anything is saved or sent to a site.
 */
import { z } from 'zod';
import {
  plainTextProblem,
  termNameProblem,
  type PlainTextRules,
} from '../../content/plain-text.js';

/** Plain text of at most `max` characters (one line unless `rules.multiline`); `trim` first. */
export function plainText(max: number, rules: PlainTextRules & { trim?: boolean } = {}) {
  const text = rules.trim ? z.string().trim() : z.string();
  return text.max(max).superRefine((value, ctx) => {
    const problem = plainTextProblem(value, rules);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A tag or category name: trimmed, plain, with some text, within every site kind's limit. */
export const termNameSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = termNameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Tags or categories of a content item: at most 100 names. */
export const termNamesSchema = z.array(termNameSchema).max(100);

/** A title: trimmed, one line, 1–500 characters. */
export const titleSchema = plainText(500, { trim: true }).min(1);

/** An excerpt: plain text, line breaks allowed, at most 2,000 characters. */
export const excerptSchema = plainText(2000, { multiline: true });

/** An image's alternative text: one line, at most 500 characters. */
export const altTextSchema = plainText(500);

/**
 * The plain fields of an item as Ghost takes them (issue 16). Ghost stores title, excerpt, tag
 * names and alt texts as plain text and its themes print them escaped (`{{title}}`), so they
 * are sent as typed — never HTML-escaped, which Ghost would show as `&lt;`. What is not plain
 * text (control characters, a tag of markup only or over Ghost's 191 characters) is refused
 * here, naming the field; other lengths are Ghost's to judge (title 255, excerpt 300: a `422
 * ValidationError`, which is not retried).
 */
import { plainTextProblem, termNameProblem } from '../../content/plain-text.js';
import { ValidationError } from '../../shared/errors.js';
import type { ContentItem } from '../types.js';

/** Throws a ValidationError naming each plain field that is not plain text. */
export function checkGhostPlainFields(item: ContentItem): void {
  const issues: { path: string; message: string }[] = [];
  const check = (path: string, value: string | undefined, multiline = false) => {
    const problem = value === undefined ? undefined : plainTextProblem(value, { multiline });
    if (problem) issues.push({ path, message: problem });
  };
  check('title', item.title);
  check('excerpt', item.excerpt, true);
  check('featureImage.alt', item.featureImage?.alt);
  (item.tags ?? []).forEach((tag, index) => {
    const problem = termNameProblem(tag.trim());
    if (problem) issues.push({ path: `tags.${index}`, message: problem });
  });
  if (issues.length > 0)
    throw new ValidationError(
      `cannot publish "${item.slug}" to Ghost: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      issues,
    );
}

/**
 * A tag name as Ghost shows it: Ghost makes a tag whose name starts with `#` internal (never
 * shown to readers), so a leading `#` — a hashtag typed as a tag — becomes the full-width
 * look-alike `＃` (U+FF03), which Ghost shows as typed.
 */
export function ghostTagName(name: string): string {
  return name.replace(/^#/, '\uff03');
}

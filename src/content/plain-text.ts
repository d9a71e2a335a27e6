/**
 * Rich and plain fields (DESIGN.md "Rich and plain fields", issue 16). The body of a content
 * item is **rich**: Markdown rendered and sanitised by markdown.ts and sanitize.ts. Every other
 * field that reaches a site — title, slug, excerpt, tags, categories, image alt texts and
 * captions, file names, author names, front matter values — is **plain text**: what the
 * secretary typed, to be shown exactly as typed, never read as markup on any theme.
 *
 * This module is the model: which plain text is accepted at the edge (`plainTextProblem`,
 * `termNameProblem`) and the form each site kind is sent so that it shows as text
 * (`toWordPressText`, `toFrontMatterText`; Ghost takes plain text as it is).
 */

/** Which plain text a field accepts. */
export interface PlainTextRules {
  /** Line breaks (LF, CRLF) allowed, as in an excerpt; default false. */
  multiline?: boolean;
}

// C0 and C1 control characters and DEL. A tab or line break is refused in one-line fields
// (a title with a newline breaks mail headers and YAML alike); U+2028/2029 end a line in
// JavaScript strings, so they count as line breaks.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const LINE_BREAK = /[\t\r\n\u2028\u2029]/u;
const LONE_CR = /\r(?!\n)/u;

/** What is wrong with `value` as plain text, in words for a 400's field message; undefined when fine. */
export function plainTextProblem(value: string, rules: PlainTextRules = {}): string | undefined {
  if (CONTROL.test(value)) return 'must not contain control characters';
  if (rules.multiline) {
    if (LONE_CR.test(value) || /[\u2028\u2029]/u.test(value))
      return 'must not contain control characters';
    return undefined;
  }
  if (LINE_BREAK.test(value)) return 'must be one line (no tabs or line breaks)';
  return undefined;
}

/** The longest tag or category name every site kind stores (WordPress: 200; Ghost: 191). */
export const TERM_NAME_MAX = 191;

/**
 * What is wrong with a tag or category name, or undefined. Beyond plain text it must keep some
 * text once markup is taken away: WordPress strips tags from term names and refuses an empty
 * one (`500 empty_term_name`, issue 16), and a tag that reads as nothing helps no reader.
 */
export function termNameProblem(name: string): string | undefined {
  const problem = plainTextProblem(name);
  if (problem) return problem;
  if (name.trim() === '') return 'must not be empty';
  if (visibleText(name) === '') return 'must contain text, not only markup such as <b></b>';
  // Ghost refuses a tag name that starts with a comma (its tag input splits on commas).
  if (name.trim().startsWith(',')) return 'must not start with a comma';
  if ([...name].length > TERM_NAME_MAX)
    return `must be at most ${TERM_NAME_MAX} characters (the limit of the sites' tag names)`;
  return undefined;
}

/** `value` without HTML tags and comments, trimmed: what a page would show if it were markup. */
export function visibleText(value: string): string {
  return value
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<\/?[a-zA-Z!?/][^>]*(?:>|$)/g, '')
    .replace(/&(?:nbsp|#160|#xa0);/gi, ' ')
    .trim();
}

const WORDPRESS_ENTITIES: Record<string, string> = {
  '&': '&#038;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#039;',
  '%': '&#37;',
};

/**
 * Plain text in the form WordPress stores and shows as text: HTML-escaped. WordPress keeps a
 * title, excerpt or alt text as HTML — unfiltered for users with `unfiltered_html`
 * (administrators, how most Application Passwords are made), filtered by kses for others — and
 * themes print it as HTML (`the_title()`, the block theme's post-title block). Escaped, both
 * store the same entities, and every theme, the REST `title.rendered` and the `<title>`
 * (esc_html does not encode twice) show the text. `&` is written `&#038;`, not `&amp;`: kses
 * turns `&amp;#60;` back into `&#060;` (wp_kses_normalize_entities), so a typed `&#60;` would
 * show as `<`; `&#038;#60;` stays. `%` is written `&#37;` because WordPress drops `%xx` from
 * term names and alt texts (sanitize_text_field). WordPress answers with the
 * escaped form (`title.raw`, term `name`); `fromWordPressText` reads it back.
 */
export function toWordPressText(value: string): string {
  return value.replace(/[&<>"'%]/g, (char) => WORDPRESS_ENTITIES[char] ?? char);
}

const NAMED: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };

/** The plain text a WordPress field holds (`&lt;b&gt;` → `<b>`; `&#8217;` → `’`), in one pass. */
export function fromWordPressText(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(quot|apos|lt|gt|amp));/gi,
    (whole, dec, hex, name) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(String(hex), 16));
      return NAMED[String(name).toLowerCase()] ?? whole;
    },
  );
}

/**
 * Plain text in the form a static site shows as text whether its theme escapes the value or
 * prints it raw (Hugo `{{ .Title | safeHTML }}`, Jekyll `{{ page.title }}`, Eleventy
 * `{{ title | safe }}`, Astro `set:html`). Entities would not do: an escaping theme shows
 * `&lt;` as typed. So each character that could start markup or end an attribute is replaced
 * by its typographic look-alike, which both kinds of theme show as the same readable text:
 *
 * - `<` `>` → `‹` `›` (U+2039/U+203A): no tag can open;
 * - `"` → `“` `”` and `'` → `‘` `’` (opening after a space or bracket, else closing): no quoted
 *   attribute or script string can end — and `’` is the typographer's apostrophe anyway;
 * - `` ` `` → `ˋ` (U+02CB): no template literal can end;
 * - `\` → `＼` (U+FF3C): a value printed twice into one script line cannot escape the quote
 *   that ends its first string and run the rest of its second;
 * - `&` before a letter, digit or `#` → `＆` (U+FF06): no character reference (`&lt;`) is
 *   decoded by a raw theme; `Fish & Chips` keeps its `&`, which every browser shows as typed.
 *
 * Line breaks and control characters are refused at the edge (`plainTextProblem`).
 * `fromFrontMatterText` folds the look-alikes back, for comparing a live page with the item.
 */
export function toFrontMatterText(value: string): string {
  return value
    .replace(/</g, '\u2039')
    .replace(/>/g, '\u203a')
    .replace(/&(?=[a-zA-Z0-9#])/g, '\uff06')
    .replace(/`/g, '\u02cb')
    .replace(/\\/g, '\uff3c')
    .replace(/(^|[\s([{\u2039\u203a\u201c\u2018-])"/gu, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/(^|[\s([{\u2039\u203a\u201c\u2018-])'/gu, '$1\u2018')
    .replace(/'/g, '\u2019');
}

/**
 * Text with the look-alikes of `toFrontMatterText` (and typographic quotes generally) folded
 * back to ASCII: `‹b› Anna’s “best”` → `<b> Anna's "best"`. For comparisons, not for display.
 */
export function fromFrontMatterText(text: string): string {
  return text
    .replace(/\u2039/g, '<')
    .replace(/\u203a/g, '>')
    .replace(/\uff06/g, '&')
    .replace(/\u02cb/g, '`')
    .replace(/\uff3c/g, '\\')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'");
}

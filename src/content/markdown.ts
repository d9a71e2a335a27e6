import { Marked } from 'marked';
import { sanitizeContentHtml } from './sanitize.js';

/**
 * The one GFM reader: renderMarkdown parses with it, and the checks of Markdown source (unsafe
 * HTML, template tags, local images) lex with it, so all of them see the same constructs. It
 * holds only the options, no per-site or per-call state. Raw HTML passes through it untouched;
 * sanitizeContentHtml is what makes rendered HTML safe, so it must always run last.
 */
export const gfm = new Marked({ gfm: true, breaks: false, async: false });

/** Markdown (GFM) → sanitized HTML, ready to send to a site; see sanitize.ts for what survives. */
export function renderMarkdown(markdown: string): string {
  const html = gfm.parse(markdown, { async: false });
  return sanitizeContentHtml(html);
}

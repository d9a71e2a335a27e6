import { Marked } from 'marked';
import { sanitizeContentHtml } from './sanitize.js';

// One shared instance: it holds only the GFM options, no per-site or per-call state.
// Raw HTML in the Markdown passes through marked untouched; sanitizeContentHtml is what
// makes the result safe, so it must always run last.
const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Markdown (GFM) → sanitized HTML, ready to send to a site; see sanitize.ts for what survives. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return sanitizeContentHtml(html);
}

import { Marked } from 'marked';
import { sanitizeContentHtml } from './sanitize.js';

// One Marked instance per module call would be wasteful; this one holds no per-site state.
const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Markdown → sanitized HTML, ready to send to a site. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return sanitizeContentHtml(html);
}

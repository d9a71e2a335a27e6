/**
 * Region text is written as Markdown by the secretary; each site gets it the way the
 * connectors already convert content: rendered and sanitised HTML for WordPress, Ghost and a
 * git site's HTML files, the Markdown itself (made safe) for a git site's Markdown files.
 */
import { renderMarkdown } from '../../content/markdown.js';
import { sanitizeMarkdownSource } from '../../content/markdown-source.js';
import type { RegionFormat } from '../../connectors/types.js';

/** The text to put between the markers of a region in `format`. */
export function regionText(format: RegionFormat | string, markdown: string): string {
  return format === 'markdown'
    ? sanitizeMarkdownSource(markdown).trim()
    : renderMarkdown(markdown).trim();
}

/** Whether a region's raw content already is this text (its layout whitespace aside). */
export function sameRegionText(raw: string, format: string, markdown: string): boolean {
  return raw.trim() === regionText(format, markdown);
}

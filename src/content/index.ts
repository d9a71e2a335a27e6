/** The content module: Markdown rendering, the HTML allow-list, inline images, page regions. */
export { renderMarkdown } from './markdown.js';
export { sanitizeContentHtml, isAllowedIframeSrc } from './sanitize.js';
export { imageSources, rewriteImageSources } from './images.js';
export { RegionError, REGION_NAME, listRegions, readRegion, replaceRegion } from './regions.js';
export type { RegionErrorCode } from './regions.js';

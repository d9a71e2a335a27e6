/** The content module: Markdown rendering, the HTML allow-list, inline images, page regions, front matter, slugs. */
export { gfm, renderMarkdown } from './markdown.js';
export { IMAGE_HEAD_BYTES, imageTypeOf, type ImageType } from './image-types.js';
export { sanitizeMarkdownSource } from './markdown-source.js';
export { SLUG_MAX_LENGTH, slugify } from './slug.js';
export { sanitizeContentHtml, isAllowedIframeSrc } from './sanitize.js';
export { imageSources, rewriteImageSources } from './images.js';
export { RegionError, REGION_NAME, listRegions, readRegion, replaceRegion } from './regions.js';
export type { RegionErrorCode } from './regions.js';
export {
  FrontMatterError,
  createFrontMatter,
  dataFormatOfPath,
  editData,
  parseFrontMatter,
  updateFrontMatter,
} from './front-matter.js';
export type { DataEdit, DataPath, FrontMatterFormat, ParsedFrontMatter } from './front-matter.js';

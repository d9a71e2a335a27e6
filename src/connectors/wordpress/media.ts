/**
 * Media: uploads to `/wp/v2/media` (raw bytes with `Content-Disposition: attachment;
 * filename=…`), and the inline images of a post's HTML uploaded and pointed at their new URLs.
 * Uploads are idempotent: the file name sent carries a hash of the bytes, so WordPress gives
 * the attachment a predictable slug, and the same image is found instead of uploaded again
 * (a republish, or a retry after a lost answer, never piles up copies).
 */
import { createHash } from 'node:crypto';
import { imageSources, rewriteImageSources } from '../../content/images.js';
import { toWordPressText } from '../../content/plain-text.js';
import type { MediaFile } from '../types.js';
import type { WordPressClient } from './client.js';
import { unsure } from './recovery.js';
import { wpMediaSchema, type WpMedia } from './schemas.js';

/** Lowercase letters, digits and hyphens: what WordPress's sanitize_title keeps of a plain name. */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The name a file is uploaded under and the slug WordPress will give it. */
export function uploadName(file: MediaFile): { filename: string; slug: string } {
  const dot = file.filename.lastIndexOf('.');
  const base = file.filename.slice(file.filename.lastIndexOf('/') + 1, dot > 0 ? dot : undefined);
  const extension = dot > 0 ? slugify(file.filename.slice(dot + 1)) : '';
  const hash = createHash('sha256').update(file.data).digest('hex').slice(0, 12);
  const slug = `${slugify(base) || 'image'}-${hash}`;
  return { filename: extension ? `${slug}.${extension}` : slug, slug };
}

/** Uploads `file` unless an attachment with its content-derived slug exists already. */
export async function uploadMediaFile(client: WordPressClient, file: MediaFile): Promise<WpMedia> {
  const { filename, slug } = uploadName(file);
  const fields = 'id,source_url,slug';
  const { data: existing } = await client.call(
    { route: '/wp/v2/media', query: { slug, _fields: fields } },
    wpMediaSchema.array(),
  );
  const [found] = existing;
  if (found) return found;
  const { data } = await unsure(
    client.call(
      {
        method: 'POST',
        route: '/wp/v2/media',
        // Extra fields ride in the query: the body is the file itself.
        // The alt text is plain text, escaped so WordPress keeps it whole (see terms.ts).
        query: { _fields: fields, ...(file.alt ? { alt_text: toWordPressText(file.alt) } : {}) },
        body: file.data,
        headers: {
          'Content-Type': file.contentType,
          'Content-Disposition': `attachment; filename="${filename}"`,
        },
      },
      wpMediaSchema,
    ),
  );
  return data;
}

/** Whether an `<img src>` refers to `file` (by name as written in the Markdown, or its last path part). */
function refersTo(src: string, file: MediaFile): boolean {
  let decoded = src;
  try {
    decoded = decodeURI(src);
  } catch {
    // Keep the raw value.
  }
  const name = decoded.replace(/^\.\//, '');
  return name === file.filename || name.split('/').pop() === file.filename.split('/').pop();
}

/**
 * Uploads the images `html` references among `files` (each once) and returns the HTML with
 * those `src` values pointing at the uploads; every other byte is left as it was.
 */
export async function uploadInlineImages(
  client: WordPressClient,
  html: string,
  files: readonly MediaFile[],
  upload: (client: WordPressClient, file: MediaFile) => Promise<WpMedia> = uploadMediaFile,
): Promise<string> {
  if (files.length === 0) return html;
  const urls = new Map<string, string>();
  for (const src of new Set(imageSources(html))) {
    const file = files.find((candidate) => refersTo(src, candidate));
    if (file) urls.set(src, (await upload(client, file)).source_url);
  }
  return urls.size === 0 ? html : rewriteImageSources(html, (src) => urls.get(src));
}

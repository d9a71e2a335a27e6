/**
 * Images of a post: the feature image and every `<img>` whose src names one of the item's
 * files (`![alt](photo.jpg)`) are uploaded to Ghost and the HTML is pointed at the uploaded
 * URLs. Each upload is named `<name>-<first 10 hex of its SHA-256>.<ext>`, so a repeated
 * publish recognises images the post already shows and does not upload them again.
 */
import { createHash } from 'node:crypto';
import { imageSources, rewriteImageSources } from '../../content/images.js';
import { ValidationError } from '../../shared/errors.js';
import type { MediaFile } from '../types.js';

/** Uploads one file and returns its public URL. */
export type Uploader = (file: MediaFile) => Promise<string>;

/** The upload name of a file: stable for the same bytes, different when they change. */
export function contentName(file: MediaFile): string {
  const hash = createHash('sha256').update(file.data).digest('hex').slice(0, 10);
  const dot = file.filename.lastIndexOf('.');
  const stem = (dot > 0 ? file.filename.slice(0, dot) : file.filename).replace(
    /[^A-Za-z0-9_-]+/g,
    '-',
  );
  const ext = dot > 0 ? file.filename.slice(dot).toLowerCase() : '';
  return `${stem || 'image'}-${hash}${ext}`;
}

/** URLs already on the remote post, by their last path segment (the upload name). */
export function knownUploads(
  html: string | null | undefined,
  featureImage: string | null | undefined,
): Map<string, string> {
  const known = new Map<string, string>();
  for (const url of [...imageSources(html ?? ''), ...(featureImage ? [featureImage] : [])]) {
    const name = url.split(/[?#]/)[0]?.split('/').pop();
    if (name) known.set(decodeURIComponent(name), url);
  }
  return known;
}

/** Uploads `file` unless the post already shows the same bytes; returns the URL. */
async function place(
  file: MediaFile,
  known: Map<string, string>,
  upload: Uploader,
): Promise<string> {
  const name = contentName(file);
  const existing = known.get(name);
  if (existing) return existing;
  const url = await upload({ ...file, filename: name });
  known.set(name, url);
  return url;
}

const REMOTE = /^(https?:)?\/\//i;

/**
 * `html` with each referenced item image uploaded (or reused) and its src rewritten.
 * A relative src that names no attached file is an error: the post would show a broken image.
 */
export async function placeImages(
  html: string,
  images: readonly MediaFile[],
  known: Map<string, string>,
  upload: Uploader,
): Promise<string> {
  const byName = new Map(images.map((file) => [file.filename, file]));
  const urls = new Map<string, string>();
  for (const src of new Set(imageSources(html))) {
    if (REMOTE.test(src) || src.startsWith('data:')) continue;
    const file = byName.get(src) ?? byName.get(safeDecode(src));
    if (!file) {
      throw new ValidationError(`the text shows image "${src}", but no such image is attached`, [
        { path: 'images', message: `attach "${src}" or link the image by its full https:// URL` },
      ]);
    }
    urls.set(src, await place(file, known, upload));
  }
  return rewriteImageSources(html, (src) => urls.get(src));
}

/** The feature image's URL (uploaded or reused). */
export function placeFeatureImage(
  file: MediaFile,
  known: Map<string, string>,
  upload: Uploader,
): Promise<string> {
  return place(file, known, upload);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

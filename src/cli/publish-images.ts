import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Tokens } from 'marked';
import { gfm, IMAGE_HEAD_BYTES, imageTypeOf } from '../content/index.js';
import { messageOf } from '../shared/errors.js';
import { safeImageFilename } from '../tasks/content-items/uploads.js';
import { UsageError } from './command.js';

/** An image of the file, copied into the data folder, as a content item refers to it. */
export interface ImportedImage {
  filename: string;
  contentType: string;
  path: string;
  alt?: string;
}

/** The same per-image limit as images sent through the web app. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_IMAGES = 20;

/**
 * Images a Markdown file shows by a relative address (`![Our shop](shop.jpg)`,
 * `![](photos/soup 1.png)`) are read from the file's folder, checked (JPEG, PNG, GIF or WebP
 * by their bytes, at most 8 MiB) and copied into `uploadDir`: the runner may publish later,
 * when the original has moved. The Markdown then names each by a plain, safe file name, the
 * way the connectors match images. Addresses with a scheme (`https://…`) are left alone.
 * On any refusal nothing stays copied.
 */
export async function importLocalImages(
  markdown: string,
  file: string,
  uploadDir: string,
): Promise<{ markdown: string; images: ImportedImage[] }> {
  const tokens: Tokens.Image[] = [];
  gfm.walkTokens(gfm.lexer(markdown), (token) => {
    if (token.type === 'image' && isLocal((token as Tokens.Image).href))
      tokens.push(token as Tokens.Image);
  });
  if (tokens.length === 0) return { markdown, images: [] };
  const byPath = new Map<string, ImportedImage>();
  let out = '';
  let cursor = 0;
  try {
    for (const token of tokens) {
      const source = resolve(file, '..', decoded(token.href, file));
      let image = byPath.get(source);
      if (!image) {
        if (byPath.size >= MAX_IMAGES)
          throw new UsageError(`FILE ${file} shows more than ${MAX_IMAGES} images.`);
        image = await importOne(source, token, file, uploadDir);
        byPath.set(source, image);
      }
      const at = markdown.indexOf(token.raw, cursor);
      const place = addressIn(token);
      if (at < 0 || !place)
        throw new UsageError(
          `FILE ${file}: write the image "${token.href}" as ![text](file-name.jpg).`,
        );
      const raw =
        token.raw.slice(0, place.at) + image.filename + token.raw.slice(place.at + place.length);
      out += markdown.slice(cursor, at) + raw;
      cursor = at + token.raw.length;
    }
  } catch (error) {
    await discardImported([...byPath.values()]);
    throw error;
  }
  return { markdown: out + markdown.slice(cursor), images: [...byPath.values()] };
}

/** Removes copies made by importLocalImages (when the item they were for was refused). */
export async function discardImported(images: readonly ImportedImage[]): Promise<void> {
  await Promise.all(images.map((image) => rm(image.path, { force: true })));
}

/**
 * Where the address is in the image's Markdown: right after the `](` that closes the text
 * (the text may name the file too: `![shop.png](shop.png)`), with its `<…>` if it has them
 * (a name with spaces), which go as well: the safe name has none.
 */
function addressIn(token: Tokens.Image): { at: number; length: number } | undefined {
  const escaped = token.href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`\\]\\(\\s*(<${escaped}>|${escaped})`).exec(token.raw);
  const written = match?.[1];
  if (!match || written === undefined) return undefined;
  return { at: match.index + match[0].length - written.length, length: written.length };
}

function isLocal(href: string): boolean {
  return href !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^[/#]/.test(href);
}

function decoded(href: string, file: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    throw new UsageError(`FILE ${file}: the image address "${href}" is not valid.`);
  }
}

async function importOne(
  source: string,
  token: Tokens.Image,
  file: string,
  uploadDir: string,
): Promise<ImportedImage> {
  const name = `FILE ${file}: the image "${token.href}"`;
  let head: Uint8Array;
  let size: number;
  try {
    const handle = await open(source, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new Error('it is not a file');
      size = info.size;
      head = new Uint8Array(IMAGE_HEAD_BYTES);
      await handle.read(head, 0, IMAGE_HEAD_BYTES, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UsageError(`${name} cannot be read (${source}): ${messageOf(error)}`);
  }
  const type = imageTypeOf(head);
  if (!type) throw new UsageError(`${name} is not a JPEG, PNG, GIF or WebP image.`);
  if (size > MAX_IMAGE_BYTES)
    throw new UsageError(`${name} is ${(size / 2 ** 20).toFixed(1)} MiB; at most 8 MiB.`);
  const unique = randomBytes(4).toString('hex');
  await mkdir(uploadDir, { recursive: true, mode: 0o700 });
  const path = join(uploadDir, `cli-${unique}.${type.ext}`);
  await copyFile(source, path);
  return {
    filename: safeImageFilename(basename(source), type.type, unique),
    contentType: type.type,
    path,
    ...(token.text ? { alt: token.text } : {}),
  };
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { NotFoundError } from '../shared/errors.js';

/**
 * The types shown inline (the types uploads accept, checked by their first bytes): images, and
 * the voice messages of a letter's dictation, which the web app plays in an `<audio>`.
 */
const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
]);

/** A file on the server's disk to answer with. */
export interface FileToSend {
  path: string;
  filename: string;
  contentType: string;
}

// A UTF-16 surrogate without its partner (a name stored through the API can carry one).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with each lone surrogate replaced by U+FFFD (String#toWellFormed is ES2024). */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

// `filename="…"` in plain ASCII for old agents, `filename*` with the real name (RFC 6266);
// made well-formed first, since encodeURIComponent throws on a lone surrogate.
function disposition(kind: 'inline' | 'attachment', filename: string): string {
  const name = wellFormed(filename);
  const ascii = name.replace(/[^\w.-]+/g, '_').slice(0, 150) || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Streams a stored file as a download that cannot run in the app's origin: the four image
 * types inline under their own type, anything else (a mail's HTML, a PDF) as an
 * `application/octet-stream` attachment; `nosniff` so the browser keeps to that type, and a
 * sandboxing CSP in case it is opened directly. A file gone from disk is a 404.
 */
export async function sendStoredFile(
  res: Response,
  file: FileToSend,
  cacheControl: string,
): Promise<void> {
  let size: number;
  try {
    const info = await stat(file.path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new NotFoundError('This file is no longer on the server.');
  }
  const inline = INLINE_TYPES.has(file.contentType);
  res.status(200).set({
    'Content-Type': inline ? file.contentType : 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': disposition(inline ? 'inline' : 'attachment', file.filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': cacheControl,
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  // A failure half-way (disk error, client gone) can only end the connection: headers are out.
  await pipeline(createReadStream(file.path), res).catch(() => res.destroy());
}

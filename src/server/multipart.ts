/**
 * The multipart/form-data parser of the upload routes (busboy): text fields and image files,
 * each file checked by its first bytes and saved to the upload folder within the limits; or,
 * for the files of a mail reply, files of any type (their type named by their first bytes when
 * an image, else as the browser declared it).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request } from 'express';
import busboy from 'busboy';
import { IMAGE_HEAD_BYTES, imageTypeOf } from '../content/image-types.js';
import type { FieldIssue } from '../shared/errors.js';
import { HttpError } from './http-errors.js';

/** Limits of a multipart upload; the defaults suit photos from a phone. */
export interface UploadLimits {
  /** Files per request; default 5. */
  maxFiles?: number;
  /** Bytes per file; default 8 MiB. */
  maxFileBytes?: number;
  /** Bytes per text field; default 20,000. */
  maxFieldBytes?: number;
}

/**
 * What files a multipart body may carry: the field and a test of the first bytes. Default:
 * images in the field `images`; a letter's dictation takes audio in `audio` (issue 20); a
 * reply takes any file in `files` (ANY_FILE, issue 24).
 */
export interface FileKind {
  field: string;
  /**
   * The type and extension (may be empty) by the file's first `headBytes` bytes and the type
   * the browser declared; undefined refuses it.
   */
  typeOf(head: Uint8Array, declared: string): { type: string; ext: string } | undefined;
  headBytes: number;
  /** Says what is expected, as the refusal message. */
  expected: string;
}

const IMAGES: FileKind = {
  field: 'images',
  typeOf: imageTypeOf,
  headBytes: IMAGE_HEAD_BYTES,
  expected: 'must be a JPEG, PNG, GIF or WebP image sent as field "images"',
};

/** A saved upload, in the shape of a task attachment. */
export interface SavedFile {
  filename: string;
  contentType: string;
  path: string;
  bytes: number;
}

/** Why one file of an upload was refused (a stable word the web app puts in her language). */
export type RefusedReason =
  'not_an_image' | 'wrong_field' | 'too_big' | 'empty' | 'cut_off' | 'not_saved';

/** One refused file: its place among the files sent (from 0), its name, why. */
export interface RefusedFile {
  index: number;
  filename: string;
  reason: RefusedReason;
  message: string;
}

// A declared MIME type kept as sent only when it is a plain `type/subtype` token.
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * The type a file of any kind is kept under: an image type only when its bytes are that image
 * (the upload route serves those four inline), else the browser's word, else octet-stream.
 */
function fileType(head: Buffer, declared: string): string {
  const image = imageTypeOf(head);
  if (image) return image.type;
  const type = declared.toLowerCase().trim();
  return MIME_TYPE.test(type) && !type.startsWith('image/') ? type : 'application/octet-stream';
}

/** Any file in the field `files`, kept under the type fileType gives (a reply's attachments). */
export const ANY_FILE: FileKind = {
  field: 'files',
  typeOf: (head, declared) => ({ type: fileType(Buffer.from(head), declared), ext: '' }),
  headBytes: IMAGE_HEAD_BYTES,
  expected: 'must be sent as field "files"',
};

/** Removes saved files (when the request they came with was refused). */
export async function discardFiles(files: readonly SavedFile[]): Promise<void> {
  await Promise.all(files.map((f) => rm(f.path, { force: true })));
}

/**
 * Reads a multipart/form-data body: text fields, and image files (JPEG, PNG, GIF, WebP,
 * checked by their first bytes) saved under `dir` with random names. Any limit broken is a 400
 * naming the field; files already saved are removed again.
 *
 * With `perFile`, a file that is refused on its own (not an image, too big, empty…) does not
 * sink the others: it is removed and listed in `refused`, and the good files are kept (issue
 * 15: one wrong photo among five). Problems of the body as a whole are still a 400.
 */
export async function readMultipart(
  req: Request,
  dir: string,
  limits: UploadLimits = {},
  options: { perFile?: boolean; kind?: FileKind } = {},
): Promise<{ fields: Record<string, string>; files: SavedFile[]; refused: RefusedFile[] }> {
  const maxFiles = limits.maxFiles ?? 5;
  const kindOf = options.kind ?? IMAGES;
  const maxFileBytes = limits.maxFileBytes ?? 8 * 1024 * 1024;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const files: SavedFile[] = [];
  const issues: FieldIssue[] = [];
  const refusedFiles: RefusedFile[] = [];
  const writes: Promise<void>[] = [];
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send a file's name as raw UTF-8 (busboy would read it as latin1).
      defParamCharset: 'utf8',
      limits: {
        files: maxFiles,
        fileSize: maxFileBytes,
        fields: 20,
        fieldSize: limits.maxFieldBytes ?? 20_000,
        parts: 30,
      },
    });
  } catch {
    throw new HttpError(400, 'upload_invalid', 'The multipart body is not valid.');
  }
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) issues.push({ path: `body.${name}`, message: 'is too long' });
    else if (name in fields) issues.push({ path: `body.${name}`, message: 'was sent twice' });
    else fields[name] = value;
  });
  // Each file being received, by how to stop it: a broken body or a client that went away
  // must settle every file (no request left waiting, no file left open).
  const active = new Set<() => void>();
  parser.on('file', (name, stream, info) => {
    const index = files.length;
    const base = join(dir, randomBytes(16).toString('hex'));
    const saved: SavedFile = {
      filename: (info.filename ?? '').slice(0, 255) || (kindOf === IMAGES ? 'image' : 'file'),
      contentType: '',
      path: base,
      bytes: 0,
    };
    files.push(saved);
    const note = (reason: RefusedReason, message: string): void => {
      refusedFiles.push({ index, filename: saved.filename, reason, message });
    };
    const refuse = (reason: RefusedReason, message: string): void => {
      note(reason, message);
      stream.resume();
    };
    // The type is decided by the first bytes, gathered even if they come in small chunks.
    let head = Buffer.alloc(0);
    let out: ReturnType<typeof createWriteStream> | undefined;
    let refused = false;
    const open = (): void => {
      const kind = kindOf.typeOf(head, info.mimeType);
      if (name !== kindOf.field || !kind) {
        refused = true;
        refuse(name === kindOf.field ? 'not_an_image' : 'wrong_field', kindOf.expected);
        return;
      }
      saved.contentType = kind.type;
      saved.path = kind.ext ? `${base}.${kind.ext}` : base;
      out = createWriteStream(saved.path, { mode: 0o600 });
      out.on('error', () => stop('not_saved', 'could not be saved on the server'));
      out.write(head);
    };
    let settle: () => void = () => undefined;
    // Ends this file early: the part is refused and its stream and file are closed. Settled only
    // once the file is closed: a write stream opens its file asynchronously, and removing the
    // file before that open has run left it behind, created after its removal (seen under load).
    const stop = (reason: RefusedReason, message: string): void => {
      if (!refused) note(reason, message);
      refused = true;
      stream.resume();
      if (out && !out.closed) {
        out.once('close', () => settle());
        out.destroy();
      } else settle();
    };
    writes.push(
      new Promise<void>((resolve) => {
        settle = () => {
          active.delete(abort);
          resolve();
        };
        stream.on('data', (chunk: Buffer) => {
          if (refused) return;
          saved.bytes += chunk.length;
          if (out) out.write(chunk);
          else {
            head = Buffer.concat([head, chunk]);
            if (head.length >= kindOf.headBytes) open();
          }
        });
        stream.on('limit', () => {
          refused = true;
          refuse('too_big', `must be at most ${maxFileBytes} bytes`);
        });
        stream.on('error', () => stop('cut_off', 'was cut off before its end'));
        stream.on('end', () => {
          if (!out && !refused) {
            if (head.length === 0) refuse('empty', 'is empty');
            else open();
          }
          if (out && !out.destroyed) out.end(() => settle());
          else settle();
        });
      }),
    );
    const abort = (): void => stop('cut_off', 'was cut off before its end');
    active.add(abort);
  });
  parser.on('filesLimit', () =>
    issues.push({ path: `body.${kindOf.field}`, message: `at most ${maxFiles} ${kindOf.field}` }),
  );
  parser.on('fieldsLimit', () => issues.push({ path: 'body', message: 'too many fields' }));
  parser.on('partsLimit', () => issues.push({ path: 'body', message: 'too many parts' }));
  await new Promise<void>((resolve) => {
    const fail = (message: string): void => {
      issues.push({ path: 'body', message });
      for (const abort of [...active]) abort();
      resolve();
    };
    parser.on('close', resolve);
    parser.on('error', () => fail('is not a valid multipart body'));
    // A client that goes away mid-body never ends it: without this the request would wait
    // for ever with its half-written file open.
    req.on('close', () => {
      if (!req.complete) fail('was cut off: the connection closed before the body ended');
    });
    req.pipe(parser);
  });
  await Promise.all(writes);
  // Files are refused when their own stream says so (first bytes, size limit, end), and those
  // events interleave differently between Node versions (Node 24 answered a later file first):
  // the answer follows the order the files were sent.
  refusedFiles.sort((a, b) => a.index - b.index);
  const fileIssues = refusedFiles.map((r) => ({
    path: `body.${kindOf.field}.${r.index}`,
    message: r.message,
  }));
  if (issues.length || (fileIssues.length && !options.perFile)) {
    await discardFiles(files);
    throw new HttpError(400, 'validation_failed', 'The upload is not valid.', {
      details: [...fileIssues, ...issues],
    });
  }
  const dropped = new Set(refusedFiles.map((r) => r.index));
  await discardFiles(files.filter((_, i) => dropped.has(i)));
  return { fields, files: files.filter((_, i) => !dropped.has(i)), refused: refusedFiles };
}

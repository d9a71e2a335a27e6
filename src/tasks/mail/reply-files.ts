/**
 * Files sent with a reply (issue 24). She picks or drops them in the reply box; each is stored
 * at once as an upload (table `uploads`, the same as the Write screen's images) and the reply
 * names them by upload id. The outbox row keeps those ids, not the bytes, so a reply queued
 * while the mail server is down goes out later with the same files, read again from disk.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MailError, type OutgoingAttachment } from '../../connectors/mail/index.js';
import type { FieldIssue } from '../../shared/errors.js';
import type { UploadsTable } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { idSchema } from '../schemas/common.js';
import { uploadView, type Upload } from '../content-items/uploads.js';
import { invalid, parseInput } from '../validate.js';

/** Limits of the files of one reply; most mail servers take 25 MB, and base64 adds a third. */
export const replyFileLimits = {
  /** Files per reply (and per upload request). */
  maxFiles: 10,
  /** Bytes per file: 10 MiB. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Bytes of all files of one reply together: 15 MiB (about 20 MB once encoded). */
  maxTotalBytes: 15 * 1024 * 1024,
} as const;

/** A file the upload route saved (any type; the type already decided from its bytes or name). */
export const savedReplyFileSchema = z.strictObject({
  filename: z.string().max(255),
  contentType: z.string().min(3).max(255),
  path: z.string().min(1),
  bytes: z.number().int().min(0),
});

/** A file of a queued reply: the upload it is in, and what the recipient sees. */
export const replyFileSchema = z.strictObject({
  uploadId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  bytes: z.number().int().min(0),
});
export type ReplyFile = z.infer<typeof replyFileSchema>;

// The characters file systems and mail programs refuse in a name (controls are dropped apart).
const UNSAFE = /[<>:"/\\|?*]+/g;
const isControl = (ch: string): boolean => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f;

/**
 * The name a file keeps for the recipient: the name she chose (accents and spaces kept, a
 * folder part dropped), without characters mail programs refuse; `file` when nothing is left.
 */
export function replyFilename(sent: string): string {
  const base = sent.slice(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
  const visible = [...base.normalize('NFC')].map((ch) => (isControl(ch) ? ' ' : ch)).join('');
  const clean = visible.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return clean.replace(/^\.+/, '').slice(0, 200) || 'file';
}

/** Records saved reply files as uploads, in one transaction; answers them in the same order. */
export async function recordReplyFiles(
  deps: ServiceDeps,
  files: z.input<typeof savedReplyFileSchema>[],
  who: Actor,
): Promise<Upload[]> {
  const data = parseInput(
    z.array(savedReplyFileSchema).min(1).max(replyFileLimits.maxFiles),
    files,
    'upload',
  );
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const out: Upload[] = [];
    for (const file of data) {
      const row: UploadsTable = {
        id: deps.newId(),
        filename: replyFilename(file.filename),
        content_type: file.contentType,
        bytes: file.bytes,
        path: file.path,
        created_by: actor,
        created_at: at,
      };
      await trx.insertInto('uploads').values(row).execute();
      out.push(
        uploadView({
          id: row.id,
          filename: row.filename,
          contentType: row.content_type,
          bytes: row.bytes,
          url: `/api/v1/uploads/${row.id}`,
          createdAt: row.created_at,
          path: row.path,
        }),
      );
    }
    return out;
  });
}

/** What a reply names its files by: upload ids, each once. */
export const replyAttachmentsSchema = z.array(idSchema).max(replyFileLimits.maxFiles);

/**
 * The files of a reply from their upload ids, in her order; a ValidationError names each
 * `attachments.<n>` that is unknown or given twice, and the total when it is too large.
 */
export async function resolveReplyFiles(
  deps: Pick<ServiceDeps, 'db'>,
  ids: readonly string[],
): Promise<ReplyFile[]> {
  if (ids.length === 0) return [];
  const rows = await deps.db
    .selectFrom('uploads')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const files: ReplyFile[] = [];
  ids.forEach((id, n) => {
    const row = byId.get(id);
    if (!row) issues.push({ path: `attachments.${n}`, message: 'no uploaded file has this id' });
    else if (seen.has(id))
      issues.push({ path: `attachments.${n}`, message: 'names the same file twice' });
    else
      files.push({
        uploadId: row.id,
        filename: row.filename,
        contentType: row.content_type,
        bytes: row.bytes,
      });
    seen.add(id);
  });
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  if (total > replyFileLimits.maxTotalBytes)
    issues.push({
      path: 'attachments',
      message: `the files together must be at most ${replyFileLimits.maxTotalBytes} bytes (these are ${total})`,
    });
  if (issues.length) throw invalid('reply', issues);
  return files;
}

/**
 * The files of a queued reply read from their uploads. A file no longer kept cannot come back:
 * it is a refusal (the outbox marks the reply failed) rather than a wait for ever.
 */
export async function readReplyFiles(
  deps: Pick<ServiceDeps, 'db'>,
  files: readonly ReplyFile[],
): Promise<OutgoingAttachment[]> {
  const out: OutgoingAttachment[] = [];
  for (const file of files) {
    const row = await deps.db
      .selectFrom('uploads')
      .select('path')
      .where('id', '=', file.uploadId)
      .executeTakeFirst();
    let content: Buffer | undefined;
    try {
      content = row ? await readFile(row.path) : undefined;
    } catch {
      content = undefined;
    }
    if (!content)
      throw new MailError(
        'mail_send_failed',
        `the attached file “${file.filename}” is no longer on the server`,
      );
    out.push({ filename: file.filename, contentType: file.contentType, content });
  }
  return out;
}

/**
 * The files of a task (a client's images with a request, a mail's attachments) for the agency
 * to download. The path stored on the task is trusted only inside the folders sitedesk writes
 * to: a task made through the API with a path elsewhere is answered "not found", never served.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { NotFoundError } from '../../shared/errors.js';
import type { ServiceDeps } from '../context.js';

/** The folders task files may be in: client uploads, and (with mail) taken messages. */
export interface AttachmentRoots {
  uploadDir: string;
  /** Where mail attachments are; their stored paths are relative to it. */
  mailDir?: string;
}

/** One attachment with the file it is in. */
export interface AttachmentFile {
  filename: string;
  contentType: string;
  bytes: number | undefined;
  path: string;
}

const inside = (root: string, file: string): boolean => {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/**
 * Attachment `n` (0-based) of a task and its file: a client upload must be inside the upload
 * folder, a mail attachment inside the mail folder (also after following symlinks).
 */
export async function getTaskAttachment(
  deps: Pick<ServiceDeps, 'db'>,
  taskId: string,
  n: number,
  roots: AttachmentRoots,
): Promise<AttachmentFile> {
  const missing = new NotFoundError(`Task ${taskId} has no attachment ${n}.`);
  const row = await deps.db
    .selectFrom('tasks')
    .select(['kind', 'details'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`No task with id ${taskId}.`);
  const { attachments } = JSON.parse(row.details) as { attachments?: unknown };
  const file: unknown = Array.isArray(attachments) ? attachments[n] : undefined;
  if (
    file === null ||
    typeof file !== 'object' ||
    !('path' in file) ||
    typeof file.path !== 'string' ||
    !('filename' in file) ||
    typeof file.filename !== 'string' ||
    !('contentType' in file) ||
    typeof file.contentType !== 'string'
  )
    throw missing;
  const root = row.kind === 'mail' ? roots.mailDir : roots.uploadDir;
  if (root === undefined) throw missing;
  const wanted = resolve(root, file.path);
  if (!inside(resolve(root), wanted)) throw missing;
  let real: string;
  try {
    real = await realpath(wanted);
    if (!inside(await realpath(root), real)) throw missing;
  } catch {
    throw missing;
  }
  const bytes = 'bytes' in file && typeof file.bytes === 'number' ? file.bytes : undefined;
  return { filename: file.filename, contentType: file.contentType, bytes, path: real };
}

/**
 * A client's image, sent with a request, put into a text: its file is copied into a new
 * upload (an upload is the only way a text names an image). A copy, not the same file: unused
 * uploads are pruned after a week, and the request keeps its own image whatever the text does.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError } from '../../shared/errors.js';
import { getTaskAttachment, type AttachmentRoots } from './attachments.js';
import type { Actor, ServiceDeps } from '../context.js';
import { imageTypes, recordUploads, type Upload } from './uploads.js';

/** Where task files are read from, and the folder new uploads are written to. */
export type UploadRoots = AttachmentRoots & { uploadDir: string };

/** Copies attachment `n` of a task into a new upload; only the image types uploads take. */
export async function uploadFromAttachment(
  deps: ServiceDeps,
  taskId: string,
  n: number,
  roots: UploadRoots,
  who: Actor,
): Promise<Upload> {
  const file = await getTaskAttachment(deps, taskId, n, roots);
  if (!imageTypes.includes(file.contentType))
    throw new ConflictError(
      `“${file.filename}” is not an image a site can show (JPEG, PNG, GIF or WebP); download it instead.`,
    );
  const path = join(roots.uploadDir, randomBytes(16).toString('hex'));
  await copyFile(file.path, path);
  try {
    const [upload] = await recordUploads(
      deps,
      [{ filename: file.filename, contentType: file.contentType, path, bytes: file.bytes ?? 0 }],
      who,
    );
    if (!upload) throw new Error('recordUploads answered no upload for one file');
    return upload;
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}

/**
 * What the API may show of files on the server's disk: never their path (issue 7). Task
 * attachments and content-item images keep `path` as a property that is not enumerable, so
 * code in this process (the runner's media loader, mailings, the download route) still reads
 * it while JSON.stringify — every API answer, the task-list cache's bytes, SSE events —
 * leaves it out. It is done where rows become objects (rows.ts), so list, detail and events
 * agree without each caller remembering to strip it.
 */

/** `ref` with `path` kept in the process but left out of JSON. */
export function hidePath<T extends object>(ref: T): T {
  if ('path' in ref) Object.defineProperty(ref, 'path', { enumerable: false });
  return ref;
}

/** Where the agency downloads attachment `n` (0-based) of a task. */
export const attachmentUrl = (taskId: string, n: number): string =>
  `/api/v1/tasks/${taskId}/attachments/${n}`;

/**
 * Task details as read back: each attachment gets its download `url`, its `path` hidden.
 * Details without attachments come back as they are (the hot task list pays one lookup).
 */
export function detailsView<D>(taskId: string, details: D): D {
  const attachments = (details as { attachments?: unknown }).attachments;
  if (!Array.isArray(attachments)) return details;
  attachments.forEach((a: unknown, n) => {
    if (a === null || typeof a !== 'object') return;
    hidePath(Object.assign(a, { url: attachmentUrl(taskId, n) }));
  });
  return details;
}

/** Content-item images as read back: `url` for uploaded ones, `path` hidden. */
export function imagesView<I extends { uploadId?: string }>(images: I[]): I[] {
  for (const image of images) {
    if (image.uploadId !== undefined)
      Object.assign(image, { url: `/api/v1/uploads/${image.uploadId}` });
    hidePath(image);
  }
  return images;
}

/**
 * History changes as read back: any `path` of a file under an `attachments` or `images` key is
 * hidden, however deep (a task's `created` entry holds its details, an update `{ from, to }`).
 */
export function changesView(changes: unknown, depth = 0, files = false): unknown {
  if (changes === null || typeof changes !== 'object' || depth > 8) return changes;
  if (files && !Array.isArray(changes) && 'path' in changes) hidePath(changes);
  for (const [key, value] of Object.entries(changes))
    changesView(value, depth + 1, files || key === 'attachments' || key === 'images');
  return changes;
}

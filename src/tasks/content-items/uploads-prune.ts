import { rm } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Logger } from '../../shared/logger.js';
import { jsonElements, jsonText } from '../../store/index.js';
import type { ServiceDeps } from '../context.js';
import { uploadsOfLetters } from '../letters/letter-uploads.js';

/** Uploads younger than this are kept even when no text uses them yet (a text being written). */
export const UPLOAD_GRACE_MS = 7 * 24 * 3600_000;

/**
 * Deletes agency uploads (file and row) that no content item uses and that are older than
 * `graceMs`: images dropped into the editor for a text that was never saved, or removed from
 * it again, files picked for a reply that was never sent. Without this the upload folder only
 * grows. An image a content item names, a file a reply names (it may still wait in the mail
 * outbox, and the task offers it for download), and a letter's attachment or voice message are
 * never deleted, however old. Answers how many were deleted.
 */
export async function pruneUploads(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  graceMs = UPLOAD_GRACE_MS,
): Promise<number> {
  const cutoff = new Date(deps.clock.now() - graceMs).toISOString();
  // content_items.images is a JSON array; an image given through the API carries `uploadId`.
  const { rows: candidates } = await sql<{ id: string; path: string }>`
    SELECT u.id, u.path FROM uploads u
    WHERE u.created_at < ${cutoff}
      AND NOT EXISTS (
        SELECT 1 FROM content_items ci, ${jsonElements(deps.db, 'ci.images')}
        WHERE ${jsonText(deps.db, 'j.value', ['uploadId'])} = u.id
      )
      AND NOT EXISTS (
        SELECT 1 FROM mail_outbox o, ${jsonElements(deps.db, 'o.payload', ['attachments'])}
        WHERE o.kind = 'reply' AND ${jsonText(deps.db, 'j.value', ['uploadId'])} = u.id
      )`.execute(deps.db);
  const lettersUse = candidates.length ? await uploadsOfLetters(deps.db) : new Set<string>();
  const unused = candidates.filter((u) => !lettersUse.has(u.id));
  for (const upload of unused) {
    // The row goes first: a file left behind is harmless, a row without its file is not.
    await deps.db.deleteFrom('uploads').where('id', '=', upload.id).execute();
    await rm(upload.path, { force: true });
  }
  return unused.length;
}

/**
 * Prunes unused uploads now and then every `everyMs` (default 6 h) until `signal` aborts;
 * a failure is logged and tried again at the next turn.
 */
export function startUploadPruning(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  logger: Logger,
  signal: AbortSignal,
  everyMs = 6 * 3600_000,
): void {
  const turn = (): void => {
    pruneUploads(deps).then(
      (count) => {
        if (count > 0) logger.info({ count }, 'deleted uploads no text uses');
      },
      (error: unknown) => logger.warn({ err: error }, 'could not prune unused uploads'),
    );
  };
  const timer = setInterval(turn, everyMs);
  timer.unref();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  turn();
}

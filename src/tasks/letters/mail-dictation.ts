/**
 * A voice message that came by mail (issue 20): when a letter answers a mail task, the mail's
 * audio attachments — told by their first bytes, as uploads are — become the letter's dictation,
 * so she can play the client's recording beside the text without saving and uploading it.
 * The files are copied (into the mail folder's `dictation/`): pruning an upload the letter no
 * longer uses must never delete the mail's own attachment.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { audioTypeOf, AUDIO_HEAD_BYTES } from '../../content/audio-types.js';
import type { Actor } from '../context.js';
import type { MailContext } from '../mail/context.js';
import { getTaskAttachment, type AttachmentFile } from '../content-items/attachments.js';
import { attachDictation, MAX_DICTATION_BYTES } from './dictation.js';
import { getLetter, type LetterTask } from './letters.js';

// Voice messages taken from one mail (the dictation route takes 5 at a time too).
const MAX_FROM_MAIL = 5;

async function headOf(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(AUDIO_HEAD_BYTES);
    const { bytesRead } = await file.read(head, 0, AUDIO_HEAD_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Adds the audio attachments of the mail a letter answers to its dictation; answers the letter. */
export async function dictationFromMail(
  ctx: MailContext,
  letterId: string,
  who: Actor,
): Promise<LetterTask> {
  const letter = await getLetter(ctx.deps, letterId);
  if (!letter.details.replyTo || letter.details.dictation.length > 0) return letter;
  const mailId = letter.details.replyTo;
  const row = await ctx.deps.db
    .selectFrom('tasks')
    .select(['kind', 'details'])
    .where('id', '=', mailId)
    .executeTakeFirst();
  if (row?.kind !== 'mail') return letter;
  const { attachments } = JSON.parse(row.details) as { attachments?: unknown };
  const count = Array.isArray(attachments) ? attachments.length : 0;
  const root = resolve(ctx.mailDir);
  const copies: { filename: string; contentType: string; path: string; bytes: number }[] = [];
  try {
    for (let n = 0; n < count && copies.length < MAX_FROM_MAIL; n++) {
      // The same checks as a download: the file must be inside the mail folder (symlinks too).
      const attachment: AttachmentFile | undefined = await getTaskAttachment(ctx.deps, mailId, n, {
        uploadDir: root,
        mailDir: root,
      }).catch(() => undefined);
      if (!attachment) continue;
      const from = attachment.path;
      const kind = audioTypeOf(await headOf(from).catch(() => new Uint8Array()));
      const bytes = kind ? (await stat(from)).size : 0;
      if (!kind || bytes === 0 || bytes > MAX_DICTATION_BYTES) continue;
      const to = join(root, 'dictation', `${randomBytes(16).toString('hex')}.${kind.ext}`);
      await mkdir(join(root, 'dictation'), { recursive: true, mode: 0o700 });
      await copyFile(from, to);
      copies.push({ filename: attachment.filename, contentType: kind.type, path: to, bytes });
    }
    if (copies.length === 0) return letter;
    return await attachDictation(ctx.deps, letterId, copies, who);
  } catch (error) {
    // Nothing half-saved: the copies go when they could not be recorded.
    await Promise.all(copies.map((c) => rm(c.path, { force: true })));
    throw error;
  }
}

/**
 * Taken messages on disk: `<mailDir>/<mailbox>/<uidValidity>-<uid>/message.eml` plus one file
 * per attachment. Written before the task's transaction and overwritten on a retry, so a crash
 * between the two leaves at most a folder that the next attempt rewrites.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { IncomingMail } from '../../connectors/mail/index.js';

/** An attachment as a task references it; `path` is relative to the mail folder. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  path: string;
  bytes: number;
}

const safeName = (name: string): string =>
  name
    .replace(/[/\\\0]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120) || 'attachment';

/** The folder of one message, relative to the mail folder. */
export function messageFolder(
  mail: Pick<IncomingMail, 'mailboxId' | 'uidValidity' | 'uid'>,
): string {
  return join(safeName(mail.mailboxId), `${mail.uidValidity}-${mail.uid}`);
}

/** Writes the raw message and its attachments; answers the attachments' references. */
export async function storeMessageFiles(
  mailDir: string,
  mail: IncomingMail,
): Promise<StoredAttachment[]> {
  const folder = resolve(mailDir, messageFolder(mail));
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFile(join(folder, 'message.eml'), mail.raw, { mode: 0o600 });
  const stored: StoredAttachment[] = [];
  for (const [index, attachment] of mail.attachments.entries()) {
    const filename = attachment.filename ?? `attachment-${index + 1}`;
    const file = join(folder, `${index + 1}-${safeName(filename)}`);
    await writeFile(file, attachment.content, { mode: 0o600 });
    stored.push({
      filename: filename.slice(0, 255),
      contentType: attachment.contentType,
      path: relative(mailDir, file),
      bytes: attachment.size,
    });
  }
  return stored;
}

/** The raw message a task was made from. */
export async function readMessageFile(
  mailDir: string,
  mail: Pick<IncomingMail, 'mailboxId' | 'uidValidity' | 'uid'>,
): Promise<Buffer> {
  return readFile(resolve(mailDir, messageFolder(mail), 'message.eml'));
}

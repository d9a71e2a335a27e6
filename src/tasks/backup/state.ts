/**
 * The last backup, as `sitedesk doctor` and the scheduler need it: `<dataDir>/last-backup.json`,
 * written after every backup (made by hand or on schedule) and after a scheduled one failed.
 * It is not part of a backup itself, so a restored folder starts with none.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../secrets/atomic-write.js';

export const LAST_BACKUP_FILE = 'last-backup.json';

const lastBackupSchema = z.object({
  /** When the last backup was attempted (ISO). */
  at: z.string(),
  ok: z.boolean(),
  /** The file written (when ok). */
  file: z.string().optional(),
  bytes: z.number().optional(),
  /** What went wrong (when not ok); never holds a secret. */
  error: z.string().optional(),
  scheduled: z.boolean(),
  /** The last successful backup, kept when a later one failed. */
  lastOk: z.object({ at: z.string(), file: z.string(), bytes: z.number() }).optional(),
});
export type LastBackup = z.infer<typeof lastBackupSchema>;

/** The note of the last backup, or undefined when none was made (or the note is unreadable). */
export async function readLastBackup(dataDir: string): Promise<LastBackup | undefined> {
  try {
    const parsed = lastBackupSchema.safeParse(
      JSON.parse(await readFile(join(dataDir, LAST_BACKUP_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Records a backup's outcome; a failure keeps the previous success in `lastOk`. */
export async function recordBackup(
  dataDir: string,
  outcome: Omit<LastBackup, 'lastOk'>,
): Promise<void> {
  const previous = await readLastBackup(dataDir);
  const lastOk =
    outcome.ok && outcome.file && outcome.bytes !== undefined
      ? { at: outcome.at, file: outcome.file, bytes: outcome.bytes }
      : previous?.lastOk;
  const note: LastBackup = { ...outcome, ...(lastOk ? { lastOk } : {}) };
  await writeFileAtomic(join(dataDir, LAST_BACKUP_FILE), JSON.stringify(note, null, 2) + '\n');
}

/**
 * The uploads letters use — their attachments and the voice messages of their dictation — so
 * the pruning of unused uploads (src/tasks/uploads-prune.ts) never deletes a file a letter
 * still sends or plays, however old.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/index.js';

/** Ids of every upload a letter task names (attachments and dictation). */
export async function uploadsOfLetters(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('tasks')
    .select('details')
    .where('kind', '=', 'letter')
    .execute();
  const ids = new Set<string>();
  for (const row of rows) {
    const details = JSON.parse(row.details) as { attachments?: unknown; dictation?: unknown };
    for (const list of [details.attachments, details.dictation])
      if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

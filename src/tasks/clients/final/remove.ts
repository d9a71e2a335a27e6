/**
 * Removes an archived client for good (issue 21): every row of it in every table, its files in
 * the data folder, its secrets (site:, mailbox:, calendar:) and its private links. The history
 * keeps one anonymous line instead of the client's entries (docs/decisions/client-final-removal.md).
 */
import { sql, type Transaction } from 'kysely';
import {
  calendarSecretAccount,
  mailboxSecretAccount,
  siteSecretAccount,
} from '../../../secrets/account.js';
import type { SecretStore } from '../../../secrets/types.js';
import { ConflictError, SecretStoreError, ValidationError } from '../../../shared/errors.js';
import { appendHistory, dialectOf, type Database } from '../../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../../context.js';
import { collectClientFiles, deleteClientFiles, type FileRoots } from './files.js';
import { collectIds, refuseShared, type ClientIds } from './ids.js';
import { removalState } from './state.js';
import { REMOVAL_STEPS } from './tables.js';

/** The history action of the one line left of a removed client. */
export const REMOVED = 'removed';

/** Options of removeClientForGood. */
export interface FinalRemovalOptions {
  /** The client's name as typed by the person removing it: a wrong client is not removed. */
  confirmName: string;
  /** Remove even without an export newer than the client's last change (said explicitly). */
  withoutExport?: boolean;
}

/** What a final removal removed. */
export interface FinalRemoval {
  clientId: string;
  removedAt: string;
  /** Rows deleted per table (tables with none left out), the history included. */
  rows: Record<string, number>;
  /** Secrets deleted from the secret store. */
  secrets: number;
  /** Files and folders deleted from the data folder. */
  files: number;
  /** Files that could not be deleted (named in the answer so the operator can). */
  filesLeft: string[];
  /**
   * Whether the database file was rewritten without free space (SQLite's VACUUM), so no old
   * copy of a removed row is left in it; false when another process kept it busy.
   */
  compacted: boolean;
}

/**
 * Removes archived client `id` for good. Refused (ConflictError) unless it is archived and an
 * export newer than its last change was recorded (or `withoutExport`), or while one of its
 * mailboxes also serves another client. The secrets are deleted first, inside the transaction,
 * so a secret store that fails leaves everything as it was; the files go after the commit.
 */
export async function removeClientForGood(
  deps: ServiceDeps,
  secrets: Pick<SecretStore, 'delete'>,
  id: string,
  who: Actor,
  roots: FileRoots,
  options: FinalRemovalOptions,
): Promise<FinalRemoval> {
  const sqlite = dialectOf(deps.db) === 'sqlite';
  // Deleted rows are overwritten with zeros, not left readable in the file's free pages.
  if (sqlite) await sql`PRAGMA secure_delete = ON`.execute(deps.db);
  try {
    const done = await inTransaction(deps, who, async ({ trx, at, actor }) => {
      const state = await removalState(trx, id);
      if (options.confirmName !== state.name)
        throw new ValidationError('The name does not match the client to remove.', [
          { path: 'confirmName', message: "must be the client's name exactly" },
        ]);
      if (state.archivedAt === null)
        throw new ConflictError(
          `Client "${state.name}" is still in use: archive it first (sitedesk client remove, or DELETE /api/v1/clients/${id}).`,
        );
      if (!state.exportCurrent && options.withoutExport !== true)
        throw new ConflictError(
          state.lastExport
            ? `Client "${state.name}" changed after its last export (${state.lastExport.at}): export it again, or remove it without an export.`
            : `Client "${state.name}" was never exported: export it first (sitedesk client export), or remove it without an export.`,
        );
      const ids = await collectIds(trx, id);
      await refuseShared(trx, id, ids);
      const files = await collectClientFiles(trx, id, ids, roots);
      ids.uploads = files.uploadIds;
      const deletedSecrets = await deleteSecrets(secrets, ids, state.name);
      const rows = await deleteRows(trx, id, ids, at);
      await appendHistory(trx, deps.newId, {
        entity: 'client',
        entityId: id,
        action: REMOVED,
        actor,
        at,
        // Counts only: nothing that names or describes the client.
        changes: {
          exported: state.exportCurrent,
          tasks: ids.tasks.length,
          texts: ids.texts.length,
        },
      });
      return { clientId: id, removedAt: at, rows, secrets: deletedSecrets, paths: files.paths };
    });
    const filesLeft = await deleteClientFiles(done.paths);
    const compacted = sqlite ? await compact(deps) : true;
    return {
      compacted,
      clientId: done.clientId,
      removedAt: done.removedAt,
      rows: done.rows,
      secrets: done.secrets,
      files: done.paths.length - filesLeft.length,
      filesLeft,
    };
  } finally {
    if (sqlite) await sql`PRAGMA secure_delete = OFF`.execute(deps.db);
  }
}

/**
 * Rewrites the SQLite file (VACUUM) and empties its write-ahead log: rows changed before the
 * removal (an update leaves the old copy in the page's free space, and secure_delete was off
 * then) would otherwise stay readable in the file. PostgreSQL's own VACUUM is the operator's.
 */
async function compact(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  try {
    await sql`VACUUM`.execute(deps.db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(deps.db);
    return true;
  } catch {
    return false;
  }
}

async function deleteSecrets(
  secrets: Pick<SecretStore, 'delete'>,
  ids: ClientIds,
  name: string,
): Promise<number> {
  const accounts = [
    ...ids.sites.map(siteSecretAccount),
    ...ids.mailboxes.map(mailboxSecretAccount),
    ...ids.calendars.map(calendarSecretAccount),
  ];
  let deleted = 0;
  for (const account of accounts) {
    try {
      if (await secrets.delete(account)) deleted++;
    } catch (error) {
      throw new SecretStoreError(
        'secret_store_failed',
        `The secret store could not delete a secret of client "${name}", so nothing was removed. Try again.`,
        { cause: error },
      );
    }
  }
  return deleted;
}

async function deleteRows(
  trx: Transaction<Database>,
  clientId: string,
  ids: ClientIds,
  at: string,
): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  // The history refuses deletes unless this transaction holds a permit (migration 0018); the
  // permit goes again before the commit, so no other session ever sees it.
  const permits = trx.withTables<{ history_erasures: { client_id: string; at: string } }>();
  await permits.insertInto('history_erasures').values({ client_id: clientId, at }).execute();
  const count = (table: string, n: bigint | number | undefined): void => {
    if (n) rows[table] = (rows[table] ?? 0) + Number(n);
  };
  // The history first: its entries name the client's entities and tasks, and any other entry
  // whose changes mention the client's id (a site "archived with client …", a mail route).
  const entities = [ids.client, ids.sites, ids.tasks, ids.texts, ids.schedules, ids.publications]
    .flat()
    .concat(ids.mailboxes, ids.mailings);
  for (const chunk of chunks(entities)) {
    const r = await trx.deleteFrom('history').where('entity_id', 'in', chunk).executeTakeFirst();
    count('history', r.numDeletedRows);
  }
  for (const chunk of chunks(ids.tasks)) {
    const r = await trx.deleteFrom('history').where('task_id', 'in', chunk).executeTakeFirst();
    count('history', r.numDeletedRows);
  }
  const mentions = await trx
    .deleteFrom('history')
    .where('changes', 'like', `%${clientId}%`)
    .executeTakeFirst();
  count('history', mentions.numDeletedRows);
  for (const step of REMOVAL_STEPS)
    for (const chunk of chunks(ids[step.of])) {
      const r =
        await sql`DELETE FROM ${sql.table(step.table)} WHERE ${sql.ref(step.column)} IN (${sql.join(chunk)})`.execute(
          trx,
        );
      count(step.table, r.numAffectedRows);
    }
  await permits.deleteFrom('history_erasures').where('client_id', '=', clientId).execute();
  return rows;
}

/** Id lists in pieces that stay under any engine's limit of bound values. */
function chunks(ids: readonly string[], size = 500): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

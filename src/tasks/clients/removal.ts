import { ConflictError, NotFoundError, SecretStoreError } from '../../shared/errors.js';
import { calendarSecretAccount } from '../../secrets/account.js';
import type { SecretStore } from '../../secrets/types.js';
import { appendHistory } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { clientFromRow } from '../rows.js';
import { deleteSiteSecret, siteBlockers } from '../sites/changes.js';
import type { Client } from '../types.js';

/** Options of archiveClient. */
export interface ArchiveOptions {
  /**
   * Runs inside the transaction once every check has passed, before anything is written, with
   * the sites about to be archived; an error from it leaves the client as it was.
   */
  beforeArchive?: (siteIds: string[]) => Promise<void>;
}

/** What archiving a client did. */
export interface ClientArchive {
  client: Client;
  /** When it was archived (the first time, on a repeated call). */
  archivedAt: string;
  /** Its sites, archived with it (removeClient deletes their secrets too). */
  siteIds: string[];
  /** Its schedules that were running and are now paused. */
  pausedScheduleIds: string[];
}

/**
 * Archives a client: a client is never destroyed, because the append-only history, its tasks
 * and publications name it. In one transaction: hidden from the client list, its sites
 * archived (hidden, refused for publishing), its schedules paused. Refused (ConflictError)
 * while publishing work for it is waiting or running, as for removing one of its sites, or
 * while a private link (not revoked, not expired) still opens its space.
 * Calling it again answers what was done the first time.
 */
export async function archiveClient(
  deps: ServiceDeps,
  id: string,
  who: Actor,
  options: ArchiveOptions = {},
): Promise<ClientArchive> {
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const db = trx;
    const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`No client with id ${id}.`);
    const sites = await db
      .selectFrom('sites')
      .select(['id', 'archived_at'])
      .where('client_id', '=', id)
      .execute();
    const siteIds = sites.map((s) => s.id);
    if (row.archived_at !== null)
      return {
        client: clientFromRow(row),
        archivedAt: row.archived_at,
        siteIds,
        pausedScheduleIds: [],
      };
    // In this transaction, so a link made meanwhile (createClientLink checks in its own) is seen.
    const live = await trx
      .selectFrom('client_links')
      .select('id')
      .where('client_id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .orderBy('id')
      .execute();
    if (live.length)
      throw new ConflictError(
        `Client ${id} still has ${live.length} private link(s) that open its space (${live.map((l) => l.id).join(', ')}); revoke them first.`,
      );
    const blockers = await siteBlockers(
      trx,
      sites.filter((s) => s.archived_at === null).map((s) => s.id),
      { schedules: false },
    );
    if (blockers.length)
      throw new ConflictError(`Client ${id} cannot be archived yet: ${blockers.join('; ')}.`);
    // Before anything is written: if this throws, the transaction leaves the client as it was.
    await options.beforeArchive?.(sites.filter((s) => s.archived_at === null).map((s) => s.id));
    await db
      .updateTable('clients')
      .set({ archived_at: at, updated_at: at })
      .where('id', '=', id)
      .execute();
    await appendHistory(trx, deps.newId, {
      entity: 'client',
      entityId: id,
      action: 'archived',
      actor,
      at,
      changes: { name: row.name },
    });
    for (const site of sites.filter((s) => s.archived_at === null)) {
      await db
        .updateTable('sites')
        .set({ archived_at: at, updated_at: at })
        .where('id', '=', site.id)
        .execute();
      await appendHistory(trx, deps.newId, {
        entity: 'site',
        entityId: site.id,
        action: 'archived',
        actor,
        at,
        changes: { client: id },
      });
    }
    const running = await trx
      .selectFrom('schedules')
      .select('id')
      .where('client_id', '=', id)
      .where('enabled', '=', 1)
      .execute();
    for (const schedule of running) {
      await trx
        .updateTable('schedules')
        .set({ enabled: 0, updated_at: at })
        .where('id', '=', schedule.id)
        .execute();
      await appendHistory(trx, deps.newId, {
        entity: 'schedule',
        entityId: schedule.id,
        action: 'disabled',
        actor,
        at,
        changes: { reason: 'client archived' },
      });
    }
    return {
      client: clientFromRow(row),
      archivedAt: at,
      siteIds,
      pausedScheduleIds: running.map((s) => s.id),
    };
  });
}

/**
 * Removes a client from the agency's work: archives it (archiveClient) and deletes its sites'
 * secrets and its calendar's password (`calendar:<id>`, issue 19) — first, inside the archive's
 * transaction, so a secret store that fails (SecretStoreError) leaves the client and its sites
 * as they were and the removal can be repeated; no secret is ever left behind for a site or a
 * calendar that is gone. Refused (ConflictError)
 * while a private link still opens the client's space: the agency revokes those first,
 * knowingly (the client may be in the middle of a request).
 */
export async function removeClient(
  deps: ServiceDeps,
  secrets: Pick<SecretStore, 'delete'>,
  id: string,
  who: Actor,
): Promise<ClientArchive> {
  const calendars = await deps.db
    .selectFrom('calendars')
    .select('id')
    .where('client_id', '=', id)
    .execute();
  return archiveClient(deps, id, who, {
    beforeArchive: async (siteIds) => {
      for (const siteId of siteIds)
        await deleteSiteSecret(secrets, siteId, `client ${id} was not removed.`);
      for (const calendar of calendars) await deleteCalendarSecret(secrets, calendar.id, id);
    },
  });
}

/** Deletes the password of calendar `calendarId`; a failing store says the client stays. */
async function deleteCalendarSecret(
  secrets: Pick<SecretStore, 'delete'>,
  calendarId: string,
  clientId: string,
): Promise<void> {
  try {
    await secrets.delete(calendarSecretAccount(calendarId));
  } catch (error) {
    if (error instanceof SecretStoreError) throw error;
    throw new SecretStoreError(
      'secret_store_failed',
      `The secret store could not delete the password of calendar ${calendarId}, so client ${clientId} was not removed. Try again.`,
      { cause: error },
    );
  }
}

/**
 * Whether a client may be removed for good: archived, and exported after its last change.
 * An export is recorded in the history when `sitedesk client export` has written the archive
 * (file, size, SHA-256); the file itself is not looked for later, because the natural thing to
 * do with it is to move it off this computer (to the client, to a USB stick).
 */
import type { Kysely, Transaction } from 'kysely';
import { NotFoundError } from '../../../shared/errors.js';
import { appendHistory, type Database } from '../../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../../context.js';

/** The history action that records an export of a client. */
export const EXPORTED = 'exported';

/** One recorded export. */
export interface ExportRecord {
  at: string;
  /** Who ran it. */
  actor: string;
  file: string;
  bytes: number;
  sha256: string;
}

/** What the web app and the CLI show before a final removal. */
export interface RemovalState {
  clientId: string;
  name: string;
  /** When it was archived; null while in use (then it cannot be removed for good). */
  archivedAt: string | null;
  /** The newest export, if any. */
  lastExport: ExportRecord | null;
  /** The newest change of the client, its sites, texts, schedules or tasks (archiving aside). */
  lastChangeAt: string;
  /** An export newer than the last change exists. */
  exportCurrent: boolean;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Records that the archive `file` of client `clientId` was written (inside its own change). */
export async function recordExport(
  deps: ServiceDeps,
  clientId: string,
  who: Actor,
  file: { file: string; bytes: number; sha256: string },
): Promise<void> {
  await inTransaction(deps, who, async ({ trx, at, actor }) => {
    await appendHistory(trx, deps.newId, {
      entity: 'client',
      entityId: clientId,
      action: EXPORTED,
      actor,
      at,
      changes: file,
    });
  });
}

/** The removal state of client `clientId` (NotFoundError when there is none). */
export async function removalState(db: Db, clientId: string): Promise<RemovalState> {
  const client = await db
    .selectFrom('clients')
    .select(['id', 'name', 'archived_at', 'created_at'])
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (!client) throw new NotFoundError(`No client with id ${clientId}.`);
  const exported = await db
    .selectFrom('history')
    .select(['at', 'actor', 'changes'])
    .where('entity', '=', 'client')
    .where('entity_id', '=', clientId)
    .where('action', '=', EXPORTED)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const lastExport = exported ? exportFromRow(exported) : null;
  const lastChangeAt = await lastChange(db, clientId, client.archived_at, client.created_at);
  return {
    clientId,
    name: client.name,
    archivedAt: client.archived_at,
    lastExport,
    lastChangeAt,
    exportCurrent: lastExport !== null && lastExport.at >= lastChangeAt,
  };
}

/** The archived clients by name, each with its removal state. */
export async function listArchivedClients(db: Db): Promise<RemovalState[]> {
  const rows = await db
    .selectFrom('clients')
    .select('id')
    .where('archived_at', 'is not', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const out: RemovalState[] = [];
  for (const row of rows) out.push(await removalState(db, row.id));
  return out;
}

/**
 * The newest change of what an export holds: the history of the client and of everything that
 * belongs to it, and the tasks' and texts' own timestamps. Archiving (the client and its sites
 * archived, its schedules paused, all at `archivedAt`) does not count: archiving and then
 * exporting, or the other way round, are both fine.
 */
async function lastChange(
  db: Db,
  clientId: string,
  archivedAt: string | null,
  createdAt: string,
): Promise<string> {
  const owned = (table: 'sites' | 'content_items' | 'schedules' | 'tasks') =>
    db.selectFrom(table).select('id').where('client_id', '=', clientId);
  let query = db
    .selectFrom('history')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('action', '!=', EXPORTED)
    .where((eb) =>
      eb.or([
        eb('entity_id', '=', clientId),
        eb('entity_id', 'in', owned('sites')),
        eb('entity_id', 'in', owned('content_items')),
        eb('entity_id', 'in', owned('schedules')),
        eb('entity_id', 'in', owned('tasks')),
        eb('task_id', 'in', owned('tasks')),
      ]),
    );
  if (archivedAt !== null)
    query = query.where((eb) =>
      eb.not(eb.and([eb('at', '=', archivedAt), eb('action', 'in', ['archived', 'disabled'])])),
    );
  const history = await query.executeTakeFirst();
  const tasks = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  const texts = await db
    .selectFrom('content_items')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return [createdAt, history?.at, tasks?.at, texts?.at]
    .filter((at): at is string => typeof at === 'string')
    .reduce((a, b) => (b > a ? b : a));
}

function exportFromRow(row: { at: string; actor: string; changes: string }): ExportRecord {
  const changes = JSON.parse(row.changes) as Partial<ExportRecord>;
  return {
    at: row.at,
    actor: row.actor,
    file: typeof changes.file === 'string' ? changes.file : '',
    bytes: typeof changes.bytes === 'number' ? changes.bytes : 0,
    sha256: typeof changes.sha256 === 'string' ? changes.sha256 : '',
  };
}

import { NotFoundError } from '../../shared/errors.js';
import { appendHistory } from '../../store/index.js';
import { inTransaction, type Actor, type ServiceDeps } from '../context.js';
import { clientFromRow } from '../rows.js';
import {
  createClientSchema,
  updateClientSchema,
  type CreateClientInput,
  type UpdateClientInput,
} from '../schemas/entities.js';
import type { Client } from '../types.js';
import { parseInput } from '../validate.js';
import { rescheduleFromNow } from '../schedules/reschedule.js';

/** Adds a client; the timezone must be an IANA zone. */
export async function createClient(
  deps: ServiceDeps,
  input: CreateClientInput,
  who: Actor,
): Promise<Client> {
  const data = parseInput(createClientSchema, input, 'client');
  return inTransaction(deps, who, async ({ trx, at, actor }) => {
    const id = deps.newId();
    const row = {
      id,
      name: data.name,
      timezone: data.timezone,
      languages: JSON.stringify(data.languages),
      contact: JSON.stringify(data.contact),
      availability: JSON.stringify(data.availability),
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('clients').values(row).execute();
    await appendHistory(trx, deps.newId, {
      entity: 'client',
      entityId: id,
      action: 'created',
      actor,
      at,
      changes: data,
    });
    return clientFromRow(row);
  });
}

/** Changes some fields of a client; the history records each old and new value. */
export async function updateClient(
  deps: ServiceDeps,
  id: string,
  input: UpdateClientInput,
  who: Actor,
): Promise<Client> {
  const data = parseInput(updateClientSchema, input, 'client change');
  return inTransaction(deps, who, async (unit) => {
    const { trx, at, actor } = unit;
    const before = clientFromRow(await requireClientRow(trx, id));
    const after: Client = { ...before, ...stripUndefined(data), updatedAt: at };
    const changes = Object.fromEntries(
      Object.keys(stripUndefined(data))
        .filter(
          (k) =>
            JSON.stringify(before[k as keyof Client]) !== JSON.stringify(after[k as keyof Client]),
        )
        .map((k) => [k, { from: before[k as keyof Client], to: after[k as keyof Client] }]),
    );
    await trx
      .updateTable('clients')
      .set({
        name: after.name,
        timezone: after.timezone,
        languages: JSON.stringify(after.languages),
        contact: JSON.stringify(after.contact),
        availability: JSON.stringify(after.availability),
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    if (after.timezone !== before.timezone) {
      await rescheduleFromNow(deps, unit, after.timezone, { clientId: id });
    }
    await appendHistory(trx, deps.newId, {
      entity: 'client',
      entityId: id,
      action: 'updated',
      actor,
      at,
      changes,
    });
    return after;
  });
}

/** One client, or NotFoundError. */
export async function getClient(deps: Pick<ServiceDeps, 'db'>, id: string): Promise<Client> {
  const row = await requireClientRow(deps.db, id);
  const client = clientFromRow(row);
  return row.archived_at === null ? client : { ...client, archivedAt: row.archived_at };
}

/** All clients by name, archived ones left out. */
export async function listClients(deps: Pick<ServiceDeps, 'db'>): Promise<Client[]> {
  const rows = await deps.db
    .selectFrom('clients')
    .selectAll()
    .where('archived_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(clientFromRow);
}

/** Throws NotFoundError unless client `id` exists (for writes that only need to know that). */
export async function assertClientExists(db: ServiceDeps['db'], id: string): Promise<void> {
  const row = await db.selectFrom('clients').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No client with id ${id}.`);
}

async function requireClientRow(db: ServiceDeps['db'], id: string) {
  const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No client with id ${id}.`);
  return row;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

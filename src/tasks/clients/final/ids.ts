/** The ids of everything that belongs to one client, gathered before its final removal. */
import type { Transaction } from 'kysely';
import { ConflictError } from '../../../shared/errors.js';
import type { Database } from '../../../store/index.js';
import type { IdSet } from './tables.js';

/** Each id set of a client, and its calendars (for their secrets). */
export type ClientIds = Record<IdSet, string[]> & { calendars: string[] };

/** Collects the ids of client `clientId` (uploads are filled in later, from its images). */
export async function collectIds(trx: Transaction<Database>, clientId: string): Promise<ClientIds> {
  const mail = trx;
  const of = async (table: 'sites' | 'tasks' | 'content_items' | 'schedules') =>
    (await trx.selectFrom(table).select('id').where('client_id', '=', clientId).execute()).map(
      (r) => r.id,
    );
  const sites = await of('sites');
  const tasks = await of('tasks');
  const texts = await of('content_items');
  const schedules = await of('schedules');
  const ownedTexts = trx.selectFrom('content_items').select('id').where('client_id', '=', clientId);
  const ownedTasks = trx.selectFrom('tasks').select('id').where('client_id', '=', clientId);
  const ownedSites = trx.selectFrom('sites').select('id').where('client_id', '=', clientId);
  const ownedMailboxes = mail
    .selectFrom('mailboxes')
    .select('id')
    .where('client_id', '=', clientId);
  const publications = await trx
    .selectFrom('publications')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('content_item_id', 'in', ownedTexts),
        eb('task_id', 'in', ownedTasks),
        eb('site_id', 'in', ownedSites),
      ]),
    )
    .execute();
  const previews = await trx
    .withTables<{ previews: { id: string; content_item_id: string; task_id: string | null } }>()
    .selectFrom('previews')
    .select('id')
    .where((eb) =>
      eb.or([eb('content_item_id', 'in', ownedTexts), eb('task_id', 'in', ownedTasks)]),
    )
    .execute();
  const mailboxes = await ownedMailboxes.execute();
  const mailings = await mail
    .selectFrom('mailings')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('client_id', '=', clientId),
        eb('content_item_id', 'in', ownedTexts),
        eb('mailbox_id', 'in', ownedMailboxes),
      ]),
    )
    .execute();
  const outbox = await mail
    .selectFrom('mail_outbox')
    .select('id')
    .where((eb) => eb.or([eb('task_id', 'in', ownedTasks), eb('mailbox_id', 'in', ownedMailboxes)]))
    .execute();
  const calendars = await trx
    .selectFrom('calendars')
    .select('id')
    .where('client_id', '=', clientId)
    .execute();
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  return {
    client: [clientId],
    sites,
    tasks,
    texts,
    schedules,
    publications: ids(publications),
    previews: ids(previews),
    mailboxes: ids(mailboxes),
    mailings: ids(mailings),
    outbox: ids(outbox),
    uploads: [],
    calendars: ids(calendars),
  };
}

/**
 * Refuses (ConflictError) while a mailbox of the client also serves another client (an agency
 * mailbox with routes, mail or letters of others, their call notes or invitations sent from
 * it), or while another client's mailbox routes mail to this one (the route names its
 * addresses): removing them would take another client's mail with it.
 */
export async function refuseShared(
  trx: Transaction<Database>,
  clientId: string,
  ids: ClientIds,
): Promise<void> {
  const mail = trx;
  const problems: string[] = [];
  const others = await mail
    .selectFrom('mailboxes')
    .select('id')
    .where('client_id', '!=', clientId)
    .where('routes', 'like', `%${clientId}%`)
    .execute();
  for (const box of others)
    problems.push(
      `mailbox ${box.id} of another client routes mail to it (remove that route first)`,
    );
  for (const box of await mail
    .selectFrom('mailboxes')
    .select(['id', 'routes'])
    .where('client_id', '=', clientId)
    .execute()) {
    const routes = JSON.parse(box.routes) as { clientId?: unknown }[];
    if (routes.some((r) => r.clientId !== clientId))
      problems.push(`its mailbox ${box.id} takes mail for other clients (remove its routes first)`);
  }
  if (ids.mailboxes.length) {
    const messages = await mail
      .selectFrom('mail_messages')
      .innerJoin('tasks', 'tasks.id', 'mail_messages.task_id')
      .select('mail_messages.mailbox_id')
      .where('mail_messages.mailbox_id', 'in', ids.mailboxes)
      .where('tasks.client_id', '!=', clientId)
      .executeTakeFirst();
    if (messages) problems.push(`its mailbox ${messages.mailbox_id} holds mail of other clients`);
    const outbox = await mail
      .selectFrom('mail_outbox')
      .innerJoin('tasks', 'tasks.id', 'mail_outbox.task_id')
      .select('mail_outbox.mailbox_id')
      .where('mail_outbox.mailbox_id', 'in', ids.mailboxes)
      .where('tasks.client_id', '!=', clientId)
      .executeTakeFirst();
    if (outbox) problems.push(`its mailbox ${outbox.mailbox_id} sends mail of other clients`);
    const calls = await mail
      .selectFrom('client_call_settings')
      .select('client_id')
      .where('mailbox_id', 'in', ids.mailboxes)
      .where('client_id', '!=', clientId)
      .executeTakeFirst();
    const calendars = await trx
      .selectFrom('calendars')
      .select('client_id')
      .where('mailbox_id', 'in', ids.mailboxes)
      .where('client_id', '!=', clientId)
      .executeTakeFirst();
    if (calls || calendars)
      problems.push('another client sends its call notes or invitations from its mailbox');
  }
  if (problems.length)
    throw new ConflictError(`The client cannot be removed for good yet: ${problems.join('; ')}.`);
}

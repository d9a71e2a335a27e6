/**
 * Changing and removing a mailbox (issue 24), the way sites do it (src/tasks/sites/changes.ts):
 * the password is write-only and lives in the secret store under `mailbox:<id>`; a change that
 * sends it to another server deletes it unless a new one comes with the change; removing a
 * mailbox deletes its secret first, so a failing store (503) leaves everything as it was.
 */
import { z } from 'zod';
import {
  mailboxSecretAccount,
  mailboxSettingsSchema,
  type MailboxSettings,
} from '../../connectors/mail/index.js';
import type { SecretStore } from '../../secrets/types.js';
import { ConflictError, SecretStoreError } from '../../shared/errors.js';
import type { ServiceDeps } from '../context.js';
import { assertClientExists } from '../clients/clients.js';
import { idSchema } from '../schemas/common.js';
import { parseInput } from '../validate.js';
import { getMailbox, type Mailbox } from './mailboxes.js';

const shape = mailboxSettingsSchema.shape;
// Strict copies of the connector's schemas: a misspelt key is a 400 naming it, never dropped.
const strictServer = z.strictObject(shape.imap.shape);

/** Settings of a changed mailbox: replaced whole, without the id (which never changes). */
export const mailboxSettingsChangeSchema = z.strictObject({
  address: shape.address,
  displayName: shape.displayName,
  imap: strictServer,
  smtp: strictServer,
  inbox: shape.inbox,
  sentFolder: shape.sentFolder,
});

/** Body of PATCH /api/v1/mailboxes/:id: what changes; `password` goes to the secret store only. */
export const updateMailboxSchema = z.strictObject({
  clientId: idSchema.optional(),
  settings: mailboxSettingsChangeSchema.optional(),
  password: z.string().min(1, 'must not be empty').max(4096).optional(),
  /** true archives the mailbox (the intake stops reading it; its tasks keep their mails); false brings it back. */
  archived: z.boolean().optional(),
});
export type UpdateMailboxInput = z.input<typeof updateMailboxSchema>;

/** A changed mailbox, and whether its password was deleted because it now goes elsewhere. */
export type MailboxChange = Mailbox & { passwordCleared: boolean; hasPassword: boolean };

/** Where the password goes: the login servers and names (a change of any of them retargets it). */
function passwordTargets(s: MailboxSettings): string {
  const server = (x: MailboxSettings['imap']) =>
    `${x.host.toLowerCase()}:${x.port}:${x.user ?? s.address.toLowerCase()}`;
  return `${server(s.imap)}|${server(s.smtp)}`;
}

async function storeCall<T>(run: () => Promise<T>, id: string, outcome: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SecretStoreError) throw error;
    throw new SecretStoreError(
      'secret_store_failed',
      `The secret store could not change the password of mailbox ${id}, so ${outcome} Try again.`,
      { cause: error },
    );
  }
}

/**
 * Changes a mailbox's client or settings (and its password, when given). Settings that send the
 * password to another server or login delete the stored one unless a new one is given.
 */
export async function updateMailbox(
  deps: ServiceDeps,
  secrets: Pick<SecretStore, 'delete' | 'set' | 'list'>,
  id: string,
  input: unknown,
): Promise<MailboxChange> {
  const patch = parseInput(updateMailboxSchema, input, 'mailbox change');
  const before = await getMailbox(deps, id);
  if (patch.clientId !== undefined) await assertClientExists(deps.db, patch.clientId);
  const settings = patch.settings
    ? mailboxSettingsSchema.parse({ ...patch.settings, id })
    : before.settings;
  const retargeted = passwordTargets(settings) !== passwordTargets(before.settings);
  const account = mailboxSecretAccount(id);
  let passwordCleared = false;
  if (patch.password !== undefined) {
    const password = patch.password;
    await storeCall(() => secrets.set(account, password), id, 'the mailbox was not changed.');
  } else if (retargeted) {
    passwordCleared = await storeCall(
      () => secrets.delete(account),
      id,
      'the mailbox was not changed.',
    );
  }
  const at = new Date(deps.clock.now()).toISOString();
  await deps.db
    .updateTable('mailboxes')
    .set({
      client_id: patch.clientId ?? before.clientId,
      settings: JSON.stringify(settings),
      ...(patch.archived === undefined
        ? {}
        : { archived_at: patch.archived ? (before.archivedAt ?? at) : null }),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  const hasPassword = (await secrets.list()).includes(account);
  return { ...(await getMailbox(deps, id)), passwordCleared, hasPassword };
}

/**
 * Removes a mailbox and its password. A mailbox whose received mails or mailings are kept in
 * tasks stays (409, nothing deleted): their replies and threads need it; archive it instead.
 */
export async function removeMailbox(
  deps: ServiceDeps,
  secrets: Pick<SecretStore, 'delete'>,
  id: string,
): Promise<{ id: string; passwordDeleted: boolean }> {
  await getMailbox(deps, id);
  const db = deps.db;
  const count = async (table: 'mail_messages' | 'mailings') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('mailbox_id', '=', id)
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const [mails, mailings] = [await count('mail_messages'), await count('mailings')];
  if (mails + mailings > 0) {
    throw new ConflictError(
      `Mailbox ${id} cannot be removed: ${mails} received mail(s) and ${mailings} mailing(s) in tasks need it. Archive it instead (its mails stay, it is no longer read).`,
    );
  }
  const passwordDeleted = await storeCall(
    () => secrets.delete(mailboxSecretAccount(id)),
    id,
    'the mailbox was not removed.',
  );
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('mail_checkpoints').where('mailbox_id', '=', id).execute();
    await trx.deleteFrom('mailboxes').where('id', '=', id).execute();
  });
  return { id, passwordDeleted };
}

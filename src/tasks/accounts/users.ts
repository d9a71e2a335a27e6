import { z } from 'zod';
import { ConflictError, NotFoundError, SitedeskError } from '../../shared/errors.js';
import { parseInput } from '../validate.js';
import { DUMMY_HASH, hashPassword, hashToken, newToken, verifyPassword } from './crypto.js';
import { isoAt, roles, type AccountsDeps, type Role, type User } from './types.js';

/** Input of addUser: a login name, a password of 12+ characters, a role. */
export const addUserSchema = z.strictObject({
  username: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9._-]{1,63}$/,
      'must be 2-64 lowercase letters, digits, dot, dash or underscore',
    ),
  password: z.string().min(12, 'must be at least 12 characters').max(1024),
  role: z.enum(roles).default('secretary'),
});
/** What addUser takes (role defaults to `secretary`). */
export type AddUserInput = z.input<typeof addUserSchema>;

const SETUP_TOKEN_MS = 24 * 3600_000;

function userFromRow(row: {
  id: string;
  username: string;
  role: string;
  created_at: string;
}): User {
  return { id: row.id, username: row.username, role: row.role as Role, createdAt: row.created_at };
}

/** Adds an agency account (`sitedesk user add` calls this); a taken name is a ConflictError. */
export async function addUser(deps: AccountsDeps, input: AddUserInput): Promise<User> {
  const data = parseInput(addUserSchema, input, 'user');
  const password_hash = await hashPassword(data.password);
  const taken = await deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', data.username)
    .executeTakeFirst();
  if (taken) throw new ConflictError(`A user named ${data.username} already exists.`);
  const row = {
    id: deps.newId(),
    username: data.username,
    role: data.role,
    password_hash,
    created_at: isoAt(deps),
    disabled_at: null,
  };
  await deps.db.insertInto('users').values(row).execute();
  return userFromRow(row);
}

/**
 * Gives an account a new password (`sitedesk user password`, e.g. after a forgotten one) and
 * ends its sessions, so whoever had the old password is signed out; its API tokens stay
 * (revoke them separately). An unknown or disabled name is a NotFoundError.
 */
export async function setPassword(
  deps: AccountsDeps,
  username: string,
  password: string,
): Promise<User> {
  const data = parseInput(
    addUserSchema.pick({ username: true, password: true }),
    { username, password },
    'user',
  );
  const password_hash = await hashPassword(data.password);
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(['id', 'username', 'role', 'created_at'])
      .where('username', '=', data.username)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No user named ${data.username}.`);
    await trx.updateTable('users').set({ password_hash }).where('id', '=', row.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    return userFromRow(row);
  });
}

/** Every account, by name. */
export async function listUsers(deps: AccountsDeps): Promise<User[]> {
  const rows = await deps.db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'created_at'])
    .where('disabled_at', 'is', null)
    .orderBy('username')
    .execute();
  return rows.map(userFromRow);
}

/** The user when name and password match, else undefined (same work either way). */
export async function checkPassword(
  deps: AccountsDeps,
  username: string,
  password: string,
): Promise<User | undefined> {
  const row = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  return ok && row ? userFromRow(row) : undefined;
}

/** Loads an active user by id. */
export async function findUser(deps: AccountsDeps, id: string): Promise<User | undefined> {
  const row = await deps.db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'created_at'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? userFromRow(row) : undefined;
}

/**
 * True while no account exists (not even a disabled one): set-up is open, the web app opens on
 * the set-up screen. Says nothing else (issue 13: anyone may ask, before signing in).
 */
export async function isSetupOpen(deps: AccountsDeps): Promise<boolean> {
  const anyUser = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return anyUser === undefined;
}

/**
 * At first start (no user yet) makes a one-time set-up token valid for 24 hours, to print;
 * undefined once any user exists. Each call replaces the earlier tokens.
 */
export async function createSetupToken(deps: AccountsDeps): Promise<string | undefined> {
  if (!(await isSetupOpen(deps))) return undefined;
  const token = newToken('sds_');
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_tokens').execute();
    await trx
      .insertInto('setup_tokens')
      .values({
        id: deps.newId(),
        token_hash: hashToken(token),
        created_at: isoAt(deps),
        expires_at: isoAt(deps, SETUP_TOKEN_MS),
        used_at: null,
      })
      .execute();
  });
  return token;
}

/** Creates the first admin with the set-up token; refused once any user exists. */
export async function completeSetup(
  deps: AccountsDeps,
  token: string,
  input: Omit<AddUserInput, 'role'>,
): Promise<User> {
  const refused = new SitedeskError(
    'setup_refused',
    'The set-up token is not valid (used, expired, or an account already exists).',
  );
  const row = await deps.db
    .selectFrom('setup_tokens')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= isoAt(deps)) throw refused;
  if (!(await isSetupOpen(deps))) throw refused;
  // Claimed before the account is made, in one conditional write: two set-ups sent at once
  // with the same token cannot both make an administrator. A refused account hands it back.
  const claim = await deps.db
    .updateTable('setup_tokens')
    .set({ used_at: isoAt(deps) })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (claim.numUpdatedRows === 0n) throw refused;
  try {
    return await addUser(deps, { ...input, role: 'admin' });
  } catch (error) {
    await deps.db
      .updateTable('setup_tokens')
      .set({ used_at: null })
      .where('id', '=', row.id)
      .execute();
    throw error;
  }
}

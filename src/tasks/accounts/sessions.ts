import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import { parseInput } from '../validate.js';
import { hashToken, newToken } from './crypto.js';
import { findUser } from './users.js';
import { isoAt, type AccountsDeps, type Principal, type Role, type User } from './types.js';

/** How long a login lasts, in ms: 12 hours (a working day). */
export const SESSION_MS = 12 * 3600_000;

/** A new session: the cookie token and the CSRF token, both shown only now. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Starts a session for `user`. */
export async function createSession(deps: AccountsDeps, user: User): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = isoAt(deps, SESSION_MS);
  await deps.db
    .insertInto('sessions')
    .values({
      id: deps.newId(),
      token_hash: hashToken(token),
      user_id: user.id,
      csrf_hash: hashToken(csrfToken),
      created_at: isoAt(deps),
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The caller of a session cookie, or undefined when unknown or expired. */
export async function sessionPrincipal(
  deps: AccountsDeps,
  token: string,
): Promise<Principal | undefined> {
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.csrf_hash', 'sessions.expires_at', 'users.id as user_id'])
    .select(['users.username', 'users.role', 'users.created_at', 'users.disabled_at'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= isoAt(deps) || row.disabled_at !== null) return undefined;
  const user = {
    id: row.user_id,
    username: row.username,
    role: row.role as Role,
    createdAt: row.created_at,
  };
  return { kind: 'user', user, via: 'session', sessionId: row.id, csrfHash: row.csrf_hash };
}

/** Ends a session (logout). */
export async function endSession(deps: AccountsDeps, sessionId: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Input of createApiToken: a name saying what script uses it. */
export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
});

/** An API token as listed (never the token itself). */
export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Makes an API token for `user`; the token is in the answer only this once. */
export async function createApiToken(
  deps: AccountsDeps,
  user: User,
  input: z.input<typeof createApiTokenSchema>,
): Promise<ApiTokenInfo & { token: string }> {
  const { name } = parseInput(createApiTokenSchema, input, 'API token');
  const token = newToken('sdt_');
  const row = {
    id: deps.newId(),
    token_hash: hashToken(token),
    user_id: user.id,
    name,
    created_at: isoAt(deps),
    last_used_at: null,
    revoked_at: null,
  };
  await deps.db.insertInto('api_tokens').values(row).execute();
  return { id: row.id, name, createdAt: row.created_at, lastUsedAt: null, token };
}

/** The live API tokens of a user. */
export async function listApiTokens(deps: AccountsDeps, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await deps.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Revokes a token of `userId` (admins may revoke anyone's: pass undefined). */
export async function revokeApiToken(
  deps: AccountsDeps,
  id: string,
  userId: string | undefined,
): Promise<void> {
  let query = deps.db
    .updateTable('api_tokens')
    .set({ revoked_at: isoAt(deps) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError(`No API token with id ${id}.`);
}

/** The caller of an API token, or undefined when unknown or revoked. */
export async function tokenPrincipal(
  deps: AccountsDeps,
  token: string,
): Promise<Principal | undefined> {
  const row = await deps.db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  const user = await findUser(deps, row.user_id);
  return user ? { kind: 'user', user, via: 'token', tokenId: row.id } : undefined;
}

/**
 * The accounts domain: agency users (admin, secretary), login sessions, API tokens, clients'
 * private links, preview tokens and the first-start set-up token. Every token is random (256
 * bits) and stored only hashed; passwords with scrypt and a per-user salt. The HTTP API and
 * the CLI (`sitedesk user add`) call these same functions.
 */
import type { Clock } from '../../shared/clock.js';
import { createIdGenerator, type IdGenerator, type Store } from '../../store/index.js';
import { createPrincipalCache } from './principal-cache.js';
import {
  createClientLink,
  createPreview,
  findPreview,
  linkPrincipal,
  listClientLinks,
  revokeClientLink,
  type LinkState,
  type createClientLinkSchema,
  type createPreviewSchema,
} from './links.js';
import {
  createApiToken,
  createSession,
  endSession,
  listApiTokens,
  revokeApiToken,
  sessionPrincipal,
  tokenPrincipal,
  type createApiTokenSchema,
} from './sessions.js';
import {
  addUser,
  checkPassword,
  completeSetup,
  createSetupToken,
  isSetupOpen,
  listUsers,
  setPassword,
  type AddUserInput,
} from './users.js';
import { getUserLanguage, setUserLanguage, type UserLanguage } from './language.js';
import type { AccountsDeps, User } from './types.js';
import type { z } from 'zod';

export type { Principal, Role, User } from './types.js';
export { roles } from './types.js';
export type { AddUserInput } from './users.js';
export type { ApiTokenInfo, NewSession } from './sessions.js';
export type { ClientLinkInfo, LinkRefusal, LinkState, PreviewInfo } from './links.js';
export { linkStates } from './links.js';
export { SESSION_MS } from './sessions.js';
export { setLanguageSchema, userLanguages, type UserLanguage } from './language.js';
export { hashToken, sameToken } from './crypto.js';

/** The accounts service on an open store (its tables come with the store's migrations). */
export async function createAccounts(deps: {
  store: Pick<Store, 'db'>;
  clock: Pick<Clock, 'now'>;
  newId?: IdGenerator;
}) {
  const inner: AccountsDeps = {
    db: deps.store.db,
    clock: deps.clock,
    newId: deps.newId ?? createIdGenerator(deps.clock),
  };
  // A session or link that expires meanwhile is honoured at most the cache's 5 s longer.
  const cache = createPrincipalCache(deps.clock);
  const revoking = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      cache.clear();
    }
  };
  return {
    /** Adds an agency account; `sitedesk user add` calls this. */
    addUser: (input: AddUserInput) => addUser(inner, input),
    listUsers: () => listUsers(inner),
    /** A new password for an account; its sessions end (`sitedesk user password`). */
    setPassword: (username: string, password: string) =>
      revoking(setPassword(inner, username, password)),
    /** The web-app language the user chose, or null (then the browser's choice applies). */
    getUserLanguage: (userId: string) => getUserLanguage(inner, userId),
    /** Saves the user's web-app language. */
    setUserLanguage: (userId: string, language: UserLanguage) =>
      setUserLanguage(inner, userId, language),
    /** The user when the password matches, else undefined. */
    checkPassword: (username: string, password: string) => checkPassword(inner, username, password),
    /** A one-time set-up token while no account exists (print it at start), else undefined. */
    createSetupToken: () => createSetupToken(inner),
    completeSetup: (token: string, input: Omit<AddUserInput, 'role'>) =>
      completeSetup(inner, token, input),
    /** True while no account exists, so the web app opens on the set-up screen. */
    isSetupOpen: () => isSetupOpen(inner),
    createSession: (user: User) => createSession(inner, user),
    sessionPrincipal: (token: string) =>
      cache.get(`s:${token}`, () => sessionPrincipal(inner, token)),
    endSession: (sessionId: string) => revoking(endSession(inner, sessionId)),
    createApiToken: (user: User, input: z.input<typeof createApiTokenSchema>) =>
      createApiToken(inner, user, input),
    listApiTokens: (userId: string) => listApiTokens(inner, userId),
    revokeApiToken: (id: string, userId: string | undefined) =>
      revoking(revokeApiToken(inner, id, userId)),
    tokenPrincipal: (token: string) => cache.get(`t:${token}`, () => tokenPrincipal(inner, token)),
    createClientLink: (
      clientId: string,
      input: z.input<typeof createClientLinkSchema>,
      by: string,
    ) => createClientLink(inner, clientId, input, by),
    /** A client's links, newest first: all, or only the `live` ones. */
    listClientLinks: (clientId: string, state?: LinkState) =>
      listClientLinks(inner, clientId, state),
    revokeClientLink: (id: string) => revoking(revokeClientLink(inner, id)),
    linkPrincipal: (token: string) => cache.get(`l:${token}`, () => linkPrincipal(inner, token)),
    createPreview: (
      contentItemId: string,
      input: z.input<typeof createPreviewSchema>,
      by: string,
    ) => createPreview(inner, contentItemId, input, by),
    findPreview: (token: string) => findPreview(inner, token),
  };
}

/** The accounts service (see createAccounts). */
export type Accounts = Awaited<ReturnType<typeof createAccounts>>;

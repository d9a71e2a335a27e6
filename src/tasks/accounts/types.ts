import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { Database, IdGenerator } from '../../store/index.js';

/** The roles of agency accounts. */
export const roles = ['admin', 'secretary'] as const;
/** An agency role: `admin` also manages users; `secretary` does the daily work. */
export type Role = (typeof roles)[number];

/** An agency account as shown to callers (never its password hash). */
export interface User {
  id: string;
  username: string;
  role: Role;
  createdAt: string;
}

/** Who is calling: an agency user (by session cookie or API token) or a client's private link. */
export type Principal =
  | { kind: 'user'; user: User; via: 'session'; sessionId: string; csrfHash: string }
  | { kind: 'user'; user: User; via: 'token'; tokenId: string }
  | { kind: 'client'; clientId: string; linkId: string };

/** What the accounts functions share. */
export interface AccountsDeps {
  db: Kysely<Database>;
  clock: Pick<Clock, 'now'>;
  newId: IdGenerator;
}

/** The current time as stored (ISO-8601 UTC), and `ms` later. */
export function isoAt(deps: Pick<AccountsDeps, 'clock'>, laterMs = 0): string {
  return new Date(deps.clock.now() + laterMs).toISOString();
}

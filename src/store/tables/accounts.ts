/**
 * Tables of the accounts domain (agency users, sessions, API tokens, client links, previews,
 * one-time set-up tokens). Every token is stored only as its SHA-256 hash; passwords as scrypt.
 */

/** An agency account: `admin` manages users; `secretary` does the daily work. */
export interface UsersTable {
  id: string;
  username: string;
  role: string;
  /** `scrypt$N$r$p$salt$hash` (base64url), see crypto.ts. */
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** The web app's language for this user (`en`, `cs`), null until chosen (migration 0002). */
  language: string | null;
}

/** A login session (cookie); the cookie holds the token, this row its hash. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** Hash of the CSRF token bound to this session. */
  csrf_hash: string;
  created_at: string;
  expires_at: string;
}

/** A token for scripts: shown once, stored hashed, revocable. */
export interface ApiTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A client's private link: opens only that client's space until it expires or is revoked. */
export interface ClientLinksTable {
  id: string;
  token_hash: string;
  client_id: string;
  label: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  /** When the link last opened the client's space (to the minute), null until used (migration 0003). */
  last_used_at: string | null;
}

/** An unguessable preview URL of a content item (optionally tied to a task awaiting approval). */
export interface PreviewsTable {
  id: string;
  token_hash: string;
  content_item_id: string;
  task_id: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
}

/** The one-time set-up token printed at first start (creates the first admin). */
export interface SetupTokensTable {
  id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The accounts tables (migration 0015-accounts), part of the store's Database (../schema.ts). */
export type AccountTables = {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  client_links: ClientLinksTable;
  previews: PreviewsTable;
  setup_tokens: SetupTokensTable;
};

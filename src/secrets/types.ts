/**
 * Where site and mailbox credentials live. One account per site (`site:<id>`) or mailbox
 * (`mailbox:<id>`), all under the service name `sitedesk`. Implementations: the OS keychain,
 * an encrypted file (headless servers), memory (unit tests only).
 */

/** The service name every secret is stored under. */
export const SECRET_SERVICE = 'sitedesk';

export type SecretStoreKind = 'keychain' | 'file' | 'memory';

export interface SecretStore {
  readonly kind: SecretStoreKind;
  /** Where the secrets are, for `sitedesk doctor` (e.g. "Secret Service (org.freedesktop.secrets)"). */
  readonly description: string;
  /** The secret of `account`, or undefined when there is none. */
  get(account: string): Promise<string | undefined>;
  /** Creates or replaces the secret of `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Removes the secret of `account`; false when there was none. */
  delete(account: string): Promise<boolean>;
  /** The accounts that have a secret, sorted. */
  list(): Promise<string[]>;
}

/** A store chosen at start-up, with why it was chosen and a warning when the choice was a fallback. */
export interface OpenedSecretStore {
  store: SecretStore;
  /** One sentence: why this store is in use. */
  reason: string;
  /**
   * Set when `auto` fell back to the file store (what that means and how to choose explicitly),
   * and for the memory store (nothing is kept). Also logged at warn level by openSecretStore.
   */
  warning?: string;
}

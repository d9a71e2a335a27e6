import type * as KeyringModule from '@napi-rs/keyring';
import { platform } from 'node:os';
import { SecretStoreError, messageOf } from '../shared/errors.js';
import { processSecrets, type SecretRegistry } from '../shared/redact.js';
import { checkAccount, checkSecret } from './account.js';
import { checkSecretServiceAnswers } from './secret-service-gate.js';
import { withTimeout } from './timeout.js';
import { SECRET_SERVICE, type SecretStore } from './types.js';

type Keyring = typeof KeyringModule;
type Entry = KeyringModule.AsyncEntry;

/** The error of a kept entry whose Secret Service session ended (the daemon restarted). */
const STALE_SESSION = /session does not exist|no such object|disconnected/i;

/**
 * On Linux, pin every entry to the Secret Service. Without this option @napi-rs/keyring
 * silently falls back to the kernel keyring (keyutils), which forgets everything at
 * reboot; with it, an absent Secret Service is an error (docs/decisions/keyring.md).
 * Other platforms ignore the option.
 */
const ENTRY_OPTIONS = { linux: { store: 'secret-service' } } as const;

/** Options of the keychain store. Times are in milliseconds. */
export interface KeychainStoreOptions {
  /** How long the first contact may take before the keychain counts as absent; default 1000. */
  timeoutMs?: number;
  /** How long one get/set/delete/list may take (a macOS prompt needs time); default 10000. */
  operationTimeoutMs?: number;
  /** The redaction registry every value read or written is added to; default the process one. */
  secrets?: SecretRegistry;
}

/** Where the keychain keeps its secrets on this platform, for `sitedesk doctor`. */
export function keychainDescription(os: NodeJS.Platform = platform()): string {
  if (os === 'darwin') return 'macOS Keychain';
  if (os === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (org.freedesktop.secrets over the D-Bus session bus)';
}

/**
 * Opens the OS keychain: loads the native module and, on Linux, checks that the Secret Service
 * answers on the session bus within `timeoutMs`. Throws SecretStoreError('secret_store_unavailable')
 * with the cause otherwise. It does not write anything; `probeSecretStore` proves a round trip.
 */
export async function openKeychainSecretStore(
  options: KeychainStoreOptions = {},
): Promise<SecretStore> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const operationTimeoutMs = options.operationTimeoutMs ?? Math.max(10_000, timeoutMs);
  const registry = options.secrets ?? processSecrets;
  const description = keychainDescription();
  const keyring = await loadKeyring(description);

  // Linux and the BSDs reach their keychain (the Secret Service) over D-Bus.
  if (usesDbus()) {
    // libdbus in the addon (which the entries use) reads only this variable: without it no entry
    // can work even where zbus would find $XDG_RUNTIME_DIR/bus, so say so at once.
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      throw new SecretStoreError(
        'secret_store_unavailable',
        `The ${description} is not usable: DBUS_SESSION_BUS_ADDRESS is not set, so this process has no D-Bus session bus ` +
          '(usual for a system service, a container or an SSH login without a desktop session)',
      );
    }
    // The Entry constructor below connects to D-Bus synchronously (libdbus, inside the addon) and
    // blocks the event loop for as long as the bus does not answer. So Entry objects are only
    // ever built once the Secret Service has answered in time — asked from a child process that
    // can be killed (see secret-service-gate.ts).
    await checkSecretServiceAnswers(timeoutMs, description);
  }

  // One entry per account, kept: building one opens a Secret Service session synchronously
  // (measured ~5 ms of blocked event loop each time), using a kept one costs ~1 ms off-thread.
  const entries = new Map<string, Entry>();
  const entryFor = (account: string): Entry => {
    let item = entries.get(account);
    if (!item) {
      try {
        item = new keyring.AsyncEntry(SECRET_SERVICE, account, ENTRY_OPTIONS);
      } catch (error) {
        throw toStoreError(`The ${description} (open an entry)`, error);
      }
      entries.set(account, item);
    }
    return item;
  };
  const run = async <T>(
    action: string,
    account: string,
    work: (item: Entry, signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const what = `The ${description} (${action} ${account})`;
    const once = (): Promise<T> =>
      call(what, operationTimeoutMs, (signal) => work(entryFor(account), signal));
    try {
      return await once();
    } catch (error) {
      // A kept entry's session dies when the keyring daemon restarts (a new login, an update):
      // measured "DBus error: The session does not exist". A fresh entry works, so retry once.
      if (!STALE_SESSION.test(messageOf(error))) throw error;
      entries.delete(account);
      return once();
    }
  };

  return {
    kind: 'keychain',
    description,
    async get(account) {
      const value = await run('get', checkAccount(account), (item, signal) =>
        item.getPassword(signal),
      );
      if (value === null) return undefined;
      registry.add(value);
      return value;
    },
    async set(account, secret) {
      checkAccount(account);
      registry.add(checkSecret(secret));
      await run('set', account, (item, signal) => item.setPassword(secret, signal));
    },
    async delete(account) {
      const deleted = await run('delete', checkAccount(account), (item, signal) =>
        item.deleteCredential(signal),
      );
      // Probes use a new account each time; do not keep their entries.
      entries.delete(account);
      return deleted;
    },
    async list() {
      // findCredentials returns the passwords too; on Linux it asks the Secret Service only
      // (never keyutils), so it lists what the pinned entries wrote.
      const found = await call(`The ${description} (list)`, operationTimeoutMs, (signal) =>
        keyring.findCredentialsAsync(SECRET_SERVICE, null, signal),
      );
      for (const credential of found) registry.add(credential.password);
      return [...new Set(found.map((credential) => credential.account))].sort();
    },
  };
}

async function loadKeyring(description: string): Promise<Keyring> {
  try {
    return await import('@napi-rs/keyring');
  } catch (error) {
    // A platform without a prebuilt binary: no keychain here, which `auto` handles.
    throw new SecretStoreError(
      'secret_store_unavailable',
      `The ${description} cannot be used: the native module @napi-rs/keyring did not load (${messageOf(error)})`,
      { cause: error },
    );
  }
}

/** Runs one keychain call under a timeout and turns its failure into a SecretStoreError. */
async function call<T>(
  what: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await withTimeout(what, timeoutMs, work);
  } catch (error) {
    if (error instanceof SecretStoreError) throw error;
    throw toStoreError(what, error);
  }
}

/**
 * Keyring errors carry no secret (they name the store and the failure). "Platform failure" and
 * "Couldn't access platform storage" mean there is no usable keychain (no D-Bus session, no
 * Secret Service, no default collection, locked); anything else is a failed operation.
 */
function toStoreError(what: string, error: unknown): SecretStoreError {
  const message = messageOf(error);
  const unavailable =
    /platform (failure|storage)|dbus|d-bus|secret service|no such file|connect/i.test(message);
  return new SecretStoreError(
    unavailable ? 'secret_store_unavailable' : 'secret_store_failed',
    `${what} ${unavailable ? 'is not usable' : 'failed'}: ${message}`,
    { cause: error },
  );
}

function usesDbus(os: NodeJS.Platform = platform()): boolean {
  return os !== 'darwin' && os !== 'win32';
}

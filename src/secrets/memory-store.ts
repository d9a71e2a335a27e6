import { processSecrets, type SecretRegistry } from '../shared/redact.js';
import { checkAccount, checkSecret } from './account.js';
import type { SecretStore } from './types.js';

/** Options of the memory store; `secrets` defaults to the process-wide redaction registry. */
export interface MemorySecretStoreDeps {
  secrets?: SecretRegistry;
}

/**
 * A SecretStore in process memory, optionally filled with `initial` (account → secret): for unit
 * tests only (nothing survives the process). Values are registered for redaction like any store's.
 */
export function createMemorySecretStore(
  initial: Record<string, string> = {},
  deps: MemorySecretStoreDeps = {},
): SecretStore {
  const registry = deps.secrets ?? processSecrets;
  const values = new Map<string, string>(Object.entries(initial));
  for (const value of values.values()) registry.add(value);
  return {
    kind: 'memory',
    description: 'process memory (tests only; forgotten at exit)',
    async get(account) {
      const value = values.get(checkAccount(account));
      if (value !== undefined) registry.add(value);
      return value;
    },
    async set(account, secret) {
      checkAccount(account);
      registry.add(checkSecret(secret));
      values.set(account, secret);
    },
    async delete(account) {
      return values.delete(checkAccount(account));
    },
    async list() {
      return [...values.keys()].sort();
    },
  };
}

import { processSecrets, type SecretRegistry } from '../shared/redact.js';
import { checkAccount, checkSecret } from './account.js';
import type { SecretStore } from './types.js';

/** Options of the memory store; `secrets` defaults to the process-wide redaction registry. */
export interface MemorySecretStoreDeps {
  secrets?: SecretRegistry;
}

/** A secret store that keeps everything in this process's memory: for unit tests only. */
export function createMemorySecretStore(deps: MemorySecretStoreDeps = {}): SecretStore {
  const registry = deps.secrets ?? processSecrets;
  const values = new Map<string, string>();
  return {
    kind: 'memory',
    description: 'memory of this process (lost when it stops; for tests only)',
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

import { processSecrets } from '../shared/redact.js';
import type { SecretStore } from './types.js';

/** A SecretStore in process memory; for unit tests only (nothing survives the process). */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const secrets = new Map<string, string>(Object.entries(initial));
  for (const value of secrets.values()) processSecrets.add(value);
  return {
    kind: 'memory',
    description: 'process memory (tests only; forgotten at exit)',
    get: async (account) => secrets.get(account),
    set: async (account, secret) => {
      processSecrets.add(secret);
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
    list: async () => [...secrets.keys()].sort(),
  };
}

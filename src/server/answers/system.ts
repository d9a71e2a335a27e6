/** The answers about this installation (see tasks.ts for why). */
import { z } from 'zod';
import type { SecretStoreKind } from '../../secrets/types.js';

const storeKinds = ['keychain', 'file', 'memory'] as const satisfies readonly SecretStoreKind[];

/** Where secrets are kept and why; never a secret. */
const secretStoreFacts = z.object({
  kind: z.enum(storeKinds),
  description: z.string(),
  reason: z.string().describe('why this store was chosen'),
  warning: z.string().optional(),
});

/** How this installation is set up, for administrators (never a secret or a value). */
export const systemAnswer = z.object({
  version: z.string(),
  secretStore: secretStoreFacts,
  env: z
    .array(z.object({ name: z.string(), set: z.boolean() }))
    .describe(
      'each variable that chooses the secret store or the data folder, and whether it is set',
    ),
});

/** The kind of secret store, for the secretary's one sentence. */
export const secretStoreKindAnswer = secretStoreFacts.pick({ kind: true });

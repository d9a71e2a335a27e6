import { describe, expect, it } from 'vitest';
import { createGhostConnector } from '../../../../src/connectors/ghost/connector.js';
import type { SecretStore } from '../../../../src/secrets/types.js';
import { systemClock } from '../../../../src/shared/clock.js';
import { SecretStoreError } from '../../../../src/shared/errors.js';
import { createSilentLogger } from '../../../../src/shared/logger.js';

// A stand-in for a keychain that is locked: no real keychain can be made to fail on demand
// here, and the secret store is not what this test is about.
const lockedStore: SecretStore = {
  kind: 'keychain',
  description: 'a locked keychain (test stand-in)',
  get: async () => {
    throw new SecretStoreError('secret_store_unavailable', 'the keychain is locked');
  },
  set: async () => undefined,
  delete: async () => false,
  list: async () => [],
};

describe('Ghost verify() without a readable secret store', () => {
  it('answers with the store as the cause instead of throwing, before contacting the site', async () => {
    const connector = createGhostConnector(
      // Port 9 (discard) on loopback: if verify tried the site it would fail differently.
      { id: 'blog', url: 'http://127.0.0.1:9' },
      { secrets: lockedStore, logger: createSilentLogger(), clock: systemClock },
    );
    const result = await connector.verify();
    expect(result).toMatchObject({
      ok: false,
      cause: {
        code: 'secret_store_unavailable',
        message: expect.stringContaining('the keychain is locked'),
      },
    });
    expect(result.checks).toEqual([expect.objectContaining({ name: 'key', ok: false })]);
  });

  it('refuses a site without a valid URL at creation, naming the field', () => {
    expect(() =>
      createGhostConnector(
        { id: 'blog', url: 'blog.example.com' },
        { secrets: lockedStore, logger: createSilentLogger(), clock: systemClock },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        details: [expect.objectContaining({ path: 'url' })],
      }),
    );
  });
});

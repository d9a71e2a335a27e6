import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { ConflictError } from '../../../src/shared/errors.js';
import { storeSiteSecret } from '../../../src/tasks/sites/changes.js';

// The one rule PUT /api/v1/sites/:id/secret and `sitedesk secrets set site:<id>` both follow.
describe('storeSiteSecret', () => {
  it('stores the secret of a live site under site:<id>', async () => {
    const secrets = createMemorySecretStore();
    await storeSiteSecret(secrets, { id: 'blog', archivedAt: undefined }, 'app password 1');
    expect(await secrets.get('site:blog')).toBe('app password 1');
  });

  it('refuses a removed (archived) site and stores nothing', async () => {
    const secrets = createMemorySecretStore();
    const site = { id: 'old', archivedAt: '2026-12-01T10:00:00.000Z' };
    await expect(storeSiteSecret(secrets, site, 'late password')).rejects.toThrow(ConflictError);
    await expect(storeSiteSecret(secrets, site, 'late password')).rejects.toThrow(
      'Site old was removed; it takes no secret.',
    );
    expect(await secrets.list()).toEqual([]);
  });
});

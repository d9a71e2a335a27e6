// The registry maps a site's kind to its connector factory; nothing remote is called here.
import { describe, expect, it } from 'vitest';
import { createConnector, createConnectorCache } from '../../../src/connectors/registry.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { ConfigError } from '../../../src/shared/errors.js';
import { createSilentLogger } from '../../../src/shared/logger.js';

const deps = {
  secrets: createMemorySecretStore(),
  logger: createSilentLogger(),
  clock: systemClock,
  dataDir: '/tmp/sitedesk-registry-test',
};
const git = {
  repoUrl: 'git@git.example:bakery/site.git',
  generator: 'hugo',
  author: { name: 'A', email: 'a@b.example' },
};

describe('connector registry', () => {
  it('builds the connector of each kind', () => {
    expect(
      createConnector(
        { id: 'a', kind: 'wordpress', url: 'https://a.example', settings: { username: 'ed' } },
        deps,
      ).kind,
    ).toBe('wordpress');
    expect(
      createConnector({ id: 'b', kind: 'ghost', url: 'https://b.example', settings: {} }, deps)
        .kind,
    ).toBe('ghost');
    expect(
      createConnector({ id: 'c', kind: 'git', url: 'https://c.example', settings: git }, deps).kind,
    ).toBe('git');
  });

  it('refuses an unknown kind and settings the kind does not accept, naming the field', () => {
    expect(() =>
      createConnector({ id: 'a', kind: 'drupal', url: 'https://a.example', settings: {} }, deps),
    ).toThrow(/kind "drupal".*wordpress, ghost, git/);
    try {
      createConnector({ id: 'a', kind: 'wordpress', url: 'https://a.example', settings: {} }, deps);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).details?.map((d) => d.path)).toEqual(['settings.username']);
    }
  });

  it('keeps one connector per site and builds a new one when the settings change', () => {
    const connectorFor = createConnectorCache(deps);
    const site = { id: 'c', kind: 'git', url: 'https://c.example', settings: git };
    const first = connectorFor(site);
    expect(connectorFor({ ...site, settings: { ...git } })).toBe(first);
    expect(connectorFor({ ...site, settings: { ...git, branch: 'live' } })).not.toBe(first);
  });
});

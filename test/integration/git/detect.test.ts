/**
 * Issue 14 "Sites": a git site added without a generator gets the one its repository shows,
 * found by verify() in the warm clone of a real repository on the real git server (Hugo by
 * its config.toml, Jekyll by its _config.yml); the first publish then writes the detected
 * generator's way. A repository with no generator's config file fails the check by name.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitConnector } from '../../../src/connectors/git/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { fileOnMain } from '../../env/git/other-clone.js';
import { post, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('the generator is detected from the repository on check', () => {
  it.each([
    ['hugo', 'config.toml', 'content/posts/detected-hugo.md'],
    ['jekyll', '_config.yml', '_posts/'],
  ] as const)('%s: found by %s, used by the first publish', async (fixture, file, written) => {
    const { connector, repoPath } = await h.site(`detect-${fixture}`, fixture, {
      generator: undefined,
    });
    expect(connector.detectedGenerator()).toBeUndefined();
    const result = await connector.verify();
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(result.checks).toContainEqual({
      name: 'generator',
      ok: true,
      message: `${fixture}, found ${file} in the repository`,
    });
    expect(connector.detectedGenerator()).toEqual({ generator: fixture, file });
    const published = await connector.publish(post(`detected-${fixture}`));
    expect(published.remoteId.startsWith(written)).toBe(true);
    expect(await fileOnMain(repoPath, published.remoteId)).toContain(
      `Title of detected-${fixture}`,
    );
  });

  it('a repository with no generator’s config file fails the check, saying so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sitedesk-plain-repo-'));
    try {
      await writeFile(join(dir, 'README.md'), '# just files\n');
      const repo = await h.server.createRepo('detect-plain', dir);
      const secrets = createMemorySecretStore();
      await secrets.set('site:detect-plain', h.server.token);
      const connector = createGitConnector(
        {
          id: 'detect-plain',
          url: 'https://plain.example.test',
          settings: {
            repoUrl: repo.url,
            author: { name: 'Sitedesk Test', email: 'sitedesk@example.test' },
            timeoutSeconds: 20,
          },
        },
        { secrets, logger: createSilentLogger(), clock: systemClock, dataDir: h.dataDir },
      );
      const result = await connector.verify();
      expect(result.ok).toBe(false);
      expect(result.cause?.code).toBe('git_generator_unknown');
      expect(connector.detectedGenerator()).toBeUndefined();
      await expect(connector.publish(post('nowhere'))).rejects.toMatchObject({
        code: 'git_generator_unknown',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

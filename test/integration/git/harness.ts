/** Shared set-up of the git connector tests: a real git server, a data folder, a connector per site. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGitConnector, type GitConnector } from '../../../src/connectors/git/connector.js';
import type { ContentItem } from '../../../src/connectors/types.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';

/** Folder of a sample site kept as a fixture. */
export function fixtureSite(name: 'hugo' | 'jekyll' | 'eleventy' | 'astro'): string {
  return fileURLToPath(new URL(`../../fixtures/sites/${name}/`, import.meta.url));
}

/** A server and a data folder for one test file. */
export interface Harness {
  server: GitServer;
  dataDir: string;
  /** A connector for a new repository made from `fixture`; `token` defaults to the right one. */
  site(
    name: string,
    fixture: 'hugo' | 'jekyll' | 'eleventy' | 'astro',
    settings?: Record<string, unknown>,
    token?: string,
  ): Promise<{ connector: GitConnector; repoPath: string }>;
  stop(): Promise<void>;
}

/** Starts the git server and makes a temporary data folder. */
export async function startHarness(): Promise<Harness> {
  const server = await startGitServer();
  const dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-git-data-'));
  return {
    server,
    dataDir,
    async site(name, fixture, settings = {}, token = server.token) {
      const repo = await server.createRepo(name, fixtureSite(fixture));
      const secrets = createMemorySecretStore();
      await secrets.set(`site:${name}`, token);
      const connector = createGitConnector(
        {
          id: name,
          url: `https://${name}.example.test`,
          settings: {
            repoUrl: repo.url,
            generator: fixture,
            author: { name: 'Sitedesk Test', email: 'sitedesk@example.test' },
            timeoutSeconds: 20,
            ...settings,
          },
        },
        { secrets, logger: createSilentLogger(), clock: systemClock, dataDir },
      );
      return { connector, repoPath: repo.path };
    },
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A post with sensible defaults. */
export function post(slug: string, extra: Partial<ContentItem> = {}): ContentItem {
  return {
    id: `item-${slug}`,
    kind: 'post',
    slug,
    title: `Title of ${slug}`,
    markdown: `Text of **${slug}**.`,
    ...extra,
  };
}

/**
 * Issue 16 on static sites: the payload corpus in every plain field (title, description, tags,
 * categories) and the body, published by the git connector to Hugo, Jekyll, Eleventy and Astro
 * sites whose templates print every field raw (raw-templates.ts), built by the real
 * generators, and every built page opened in Chromium: no marker runs, and every field reads
 * as typed (the look-alikes of content/plain-text.ts `toFrontMatterText` read the same).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitConnector } from '../../../src/connectors/git/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { buildSite, type BuiltSite } from '../../env/git/build-site.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { corpusItems, notShown, termOf, type CorpusItem } from './items.js';
import { markersThatRan, startPageChecker, type PageChecker, type PageVisit } from './pages.js';
import { rawSite } from './raw-templates.js';

const GENERATORS = ['hugo', 'jekyll', 'eleventy', 'astro'] as const;
type Generator = (typeof GENERATORS)[number];

/** Generators whose writer fills each field (Eleventy and Astro have no categories). */
const HAS_CATEGORIES: Record<Generator, boolean> = {
  hugo: true,
  jekyll: true,
  eleventy: false,
  astro: false,
};

let server: GitServer;
let checker: PageChecker;
const built: BuiltSite[] = [];
const cleanup: string[] = [];
const outcome = new Map<Generator, { items: CorpusItem[]; visits: PageVisit[] }>();

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Publishes the corpus to a raw-printing site of `generator`, builds it, returns its pages. */
async function publishAndBuild(
  generator: Generator,
): Promise<{ items: CorpusItem[]; files: string[] }> {
  const dir = await rawSite(generator);
  cleanup.push(join(dir, '..'));
  const name = `plain16-${generator}`;
  const repo = await server.createRepo(name, dir);
  const secrets = createMemorySecretStore();
  await secrets.set(`site:${name}`, server.token);
  const dataDir = join(dir, '..', 'data');
  const connector = createGitConnector(
    {
      id: name,
      url: `https://${name}.example.test`,
      settings: {
        repoUrl: repo.url,
        generator,
        author: { name: 'Sitedesk Test', email: 'sitedesk@example.test' },
        timeoutSeconds: 20,
      },
    },
    { secrets, logger: createSilentLogger(), clock: systemClock, dataDir },
  );
  const items = corpusItems(generator, {
    images: 'inline',
    categories: HAS_CATEGORIES[generator],
  });
  // One commit for the lot (publishMany), as the runner sends a batch.
  await connector.publishMany(items.map(({ item }) => ({ item })));
  const site = await buildSite(generator, repo.path);
  built.push(site);
  const files: string[] = [];
  for (const file of await htmlFiles(site.outDir))
    if ((await readFile(file, 'utf8')).includes('PFK')) files.push(file);
  return { items, files };
}

beforeAll(async () => {
  [server, checker] = await Promise.all([startGitServer(), startPageChecker(6)]);
  const sites = await Promise.all(GENERATORS.map((generator) => publishAndBuild(generator)));
  const urls = sites.flatMap(({ files }) => files.map((file) => pathToFileURL(file).href));
  const visits = await checker.visit(urls);
  GENERATORS.forEach((generator, index) => {
    const site = sites[index];
    if (!site) return;
    const own = new Set(site.files.map((file) => pathToFileURL(file).href));
    outcome.set(generator, {
      items: site.items,
      visits: visits.filter((visit) => own.has(visit.url)),
    });
  });
}, 150_000);

afterAll(async () => {
  await Promise.all([
    checker?.close(),
    server?.stop(),
    ...built.map((site) => site.remove()),
    ...cleanup.map((dir) => rm(dir, { recursive: true, force: true })),
  ]);
});

describe.each(GENERATORS)('plain fields on a %s site printing them raw (issue 16)', (generator) => {
  it('no payload runs on any built page', () => {
    const result = outcome.get(generator);
    expect(result?.items.length).toBeGreaterThan(0);
    // Every item has its own page, and the site's lists show them too.
    expect(result?.visits.length).toBeGreaterThanOrEqual(result?.items.length ?? Infinity);
    expect(markersThatRan(result?.visits ?? [])).toEqual([]);
  });

  it('title, description, tags and categories read as typed', () => {
    const result = outcome.get(generator);
    for (const { item, payloads, key } of result?.items ?? []) {
      const page = result?.visits.find((visit) => visit.text.startsWith(`${key} `));
      expect(page, `the page of ${key}`).toBeDefined();
      const fields = [
        item.title,
        item.excerpt ?? '',
        ...payloads.map((p) => termOf('t', p)),
        ...(HAS_CATEGORIES[generator] ? payloads.map((p) => termOf('c', p)) : []),
      ];
      expect(notShown(page?.text ?? '', fields), `${generator} ${page?.url}`).toEqual([]);
    }
  });
});

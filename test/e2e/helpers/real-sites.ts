/**
 * The real sitedesk app (ui-server.ts) connected to three real sites of one client: the real
 * WordPress (test/env/wordpress), the real Ghost (test/env/ghost) and a real git server
 * (test/env/git) holding a small Hugo site, which a local "static host" builds with Hugo and
 * serves on 127.0.0.1 — so every live URL the app shows opens in the test browser and the
 * runner's live check fetches real pages for all three kinds.
 *
 * Fixtures only: the client, its three sites and their secrets (in the app's memory secret
 * store). No task, content item or publication is made here — tests walk those through the web
 * app. The readers (countPosts, livePage, repoFile) only read the remotes.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createGhostConnector, type GhostConnector } from '../../../src/connectors/ghost/index.js';
import { createConnectorCache, type SiteRecord } from '../../../src/connectors/registry.js';
import type { Connector } from '../../../src/connectors/types.js';
import {
  createWordPressConnector,
  type WordPressConnector,
} from '../../../src/connectors/wordpress/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import type { SecretStore } from '../../../src/secrets/types.js';
import { siteSecretAccount } from '../../../src/secrets/account.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import {
  createLiveCheck,
  createRunner,
  type Runner,
  type RunnerConfig,
  type Site,
} from '../../../src/tasks/index.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import { buildSite, type BuiltSite } from '../../env/git/build-site.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { fileOnMain } from '../../env/git/other-clone.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { startUiServer, type UiServer } from './ui-server.js';

const run = promisify(execFile);
const HUGO_FIXTURE = fileURLToPath(new URL('../../fixtures/sites/hugo/', import.meta.url));

/** The kinds of the three sites. */
export type RealSiteKind = 'wordpress' | 'ghost' | 'git';

/** The names the sites get (the tests look for them on screen). */
export const REAL_SITE_NAMES: Readonly<Record<RealSiteKind, string>> = {
  wordpress: 'Bakery website',
  ghost: 'Bakery newsletter',
  git: 'Bakery static site',
};

/** The app, its runner, the client and its three real sites, and read-only readers of the remotes. */
export interface RealSites {
  server: UiServer;
  /** The publishing runner (not looping): call `runDue()` after the web app asked to publish. */
  runner: Runner;
  clientId: string;
  sites: { wordpress: Site; ghost: Site; git: Site };
  /** The secrets of the sites (WordPress application password as shown, Ghost Admin API key, git token): to prove none reaches the browser. */
  secrets: Readonly<Record<RealSiteKind, string>>;
  /**
   * How many posts and pages (any status but trash) the site holds with `slug` or a remote's
   * de-duplicated `slug-2`, `slug-3`… — read from WordPress's REST API, Ghost's Admin API, or the
   * files under `content/` on main of the git repository (`slug.md`, `slug/index.md`).
   */
  countPosts(kind: RealSiteKind, slug: string): Promise<number>;
  /**
   * The HTML the live page at `url` shows (GET, redirects followed; throws unless 200). For the
   * git site the URL is the static host's, which serves the Hugo build of main as it is now.
   */
  livePage(url: string): Promise<string>;
  /** A file's text on main of the git site's repository (e.g. `content/posts/x.md`), or undefined. */
  repoFile(path: string): Promise<string | undefined>;
  /** The git site's bare repository (for "someone else pushed" fixtures: other-clone.ts). */
  gitRepoPath: string;
  /**
   * The remote servers themselves, for fixture set-up of what the site's owner did by hand
   * (a page with marked regions, a marker removed) and for reading raw content back — never
   * to move a task, text or publication.
   */
  remotes: { wordpress: RunningWordPress; ghost: GhostInstance; gitRepoPath: string };
  /** Stops the app, the three servers and the static host (by PID / process group), removes their files. */
  stop(): Promise<void>;
}

/** Options of startRealSites. */
export interface RealSitesOptions {
  clientName: string;
  /** The client's IANA timezone; default Europe/Prague. */
  timezone?: string;
  /** Folder of the built web app (buildUi()); removed with the server. */
  uiDir: string;
  /** The client's language; default en. */
  language?: string;
  /** Runner settings; default one attempt per publication (a failure shows at once). */
  runner?: RunnerConfig;
}

// Connector-level retries fast, as in publish-wordpress.test.ts: a retried request takes
// milliseconds, not seconds.
const FAST_RETRIES = { retryBaseDelayMs: 20, retryMaxDelayMs: 100 };
const SEED = { actor: 'seed' };

/** Starts the app and the three sites concurrently (about as long as Ghost takes to boot) and seeds the client and sites. */
export async function startRealSites(options: RealSitesOptions): Promise<RealSites> {
  const stops: (() => Promise<void>)[] = [];
  let secrets: SecretStore | undefined;
  let connectorFor: ((site: SiteRecord) => Connector) | undefined;
  let runner: Runner | undefined;
  const started = await Promise.allSettled([
    startUiServer(options.uiDir, (parts) => {
      secrets = parts.secrets;
      // The cache needs the data folder, known once the server is up; sites are built lazily.
      const forSite = (site: Site): Connector => {
        if (!connectorFor) throw new Error('real-sites: the connector cache is not ready yet');
        const fast = site.kind === 'git' ? {} : FAST_RETRIES;
        return connectorFor({ ...site, settings: { ...site.settings, ...fast } });
      };
      runner = createRunner(
        { maxAttempts: 1, ...options.runner },
        {
          ...parts.tasks.deps,
          logger: parts.logger,
          connectorFor: forSite,
          checkLive: createLiveCheck({ timeoutMs: 10_000 }),
        },
      );
      return { connectorFor: forSite, publications: runner };
    }).then(track(stops, (s) => s.close())),
    startWordPress().then(track(stops, (wp) => wp.stop())),
    startGhost().then(track(stops, (ghost) => ghost.stop())),
    startGitSite().then(track(stops, (git) => git.stop())),
  ]);
  const [app, wp, ghost, git] = started;
  if (
    app.status === 'rejected' ||
    wp.status === 'rejected' ||
    ghost.status === 'rejected' ||
    git.status === 'rejected'
  ) {
    await stopAll(stops);
    const reasons = started.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    throw new AggregateError(reasons, `real-sites: could not start (${reasons.map(String)[0]})`);
  }
  const stop = () => stopAll(stops);
  try {
    const server = app.value;
    if (!secrets || !runner) throw new Error('real-sites: the app did not hand out its parts');
    connectorFor = createConnectorCache({
      secrets,
      logger: createSilentLogger(),
      clock: systemClock,
      dataDir: server.dataDir,
    });
    const seeded = await seed(server, secrets, options, {
      wordpress: wp.value,
      ghost: ghost.value,
      git: git.value,
    });
    const readers = makeReaders(wp.value, ghost.value);
    return {
      server,
      runner,
      clientId: seeded.clientId,
      sites: seeded.sites,
      secrets: {
        wordpress: wp.value.appPassword,
        ghost: ghost.value.adminKey,
        git: git.value.server.token,
      },
      async countPosts(kind, slug) {
        if (kind === 'git') return countGitFiles(git.value.repoPath, slug);
        return readers[kind](slug);
      },
      async livePage(url) {
        const response = await fetch(url, { redirect: 'follow' });
        const body = await response.text();
        if (response.status !== 200)
          throw new Error(`real-sites: ${url} answered ${response.status}, not the page`);
        return body;
      },
      repoFile: (path) => fileOnMain(git.value.repoPath, path),
      gitRepoPath: git.value.repoPath,
      remotes: { wordpress: wp.value, ghost: ghost.value, gitRepoPath: git.value.repoPath },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Adds `stop` of a started thing to `stops` (newest first) and passes the thing on. */
function track<T>(stops: (() => Promise<void>)[], stop: (t: T) => Promise<void>) {
  return (started: T): T => {
    stops.unshift(() => stop(started));
    return started;
  };
}

async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  const results = await Promise.allSettled(stops.splice(0).map((stop) => stop()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The client and its three sites, their secrets in the app's secret store. */
async function seed(
  server: UiServer,
  secrets: SecretStore,
  options: RealSitesOptions,
  remotes: { wordpress: RunningWordPress; ghost: GhostInstance; git: GitSite },
): Promise<{ clientId: string; sites: RealSites['sites'] }> {
  const client = await server.tasks.createClient(
    {
      name: options.clientName,
      timezone: options.timezone ?? 'Europe/Prague',
      languages: [options.language ?? 'en'],
    },
    SEED,
  );
  const add = async (
    kind: RealSiteKind,
    url: string,
    settings: Record<string, unknown>,
    secret: string,
  ): Promise<Site> => {
    const site = await server.tasks.createSite(
      { clientId: client.id, name: REAL_SITE_NAMES[kind], kind, url, settings },
      SEED,
    );
    await secrets.set(siteSecretAccount(site.id), secret);
    return site;
  };
  const { wordpress: wp, ghost, git } = remotes;
  const [wordpress, ghostSite, gitSite] = await Promise.all([
    add('wordpress', wp.url, { username: wp.username }, wp.appPassword),
    add('ghost', ghost.url, {}, ghost.adminKey),
    add(
      'git',
      git.url,
      {
        repoUrl: git.repoUrl,
        branch: 'main',
        generator: 'hugo',
        author: { name: 'Sitedesk', email: 'sitedesk@example.test' },
        timeoutSeconds: 20,
      },
      git.server.token,
    ),
  ]);
  return { clientId: client.id, sites: { wordpress, ghost: ghostSite, git: gitSite } };
}

/** Readers of WordPress and Ghost with their own secret store: nothing shared with the app. */
function makeReaders(
  wp: RunningWordPress,
  ghost: GhostInstance,
): Record<'wordpress' | 'ghost', (slug: string) => Promise<number>> {
  const secrets = createMemorySecretStore();
  const deps = { secrets, logger: createSilentLogger(), clock: systemClock };
  const wpReader: WordPressConnector = createWordPressConnector(
    { id: 'reader-wp', url: wp.url, settings: { username: wp.username, ...FAST_RETRIES } },
    deps,
  );
  const ghostReader: GhostConnector = createGhostConnector(
    { id: 'reader-ghost', url: ghost.url, settings: { ...FAST_RETRIES } },
    deps,
  );
  const ready = Promise.all([
    secrets.set('site:reader-wp', wp.appPassword),
    secrets.set('site:reader-ghost', ghost.adminKey),
  ]);
  const count = async (lists: AsyncIterable<{ slug: string }>[], slug: string) => {
    await ready;
    const same = sameSlug(slug);
    let n = 0;
    for (const list of lists) for await (const post of list) if (same(post.slug)) n++;
    return n;
  };
  return {
    wordpress: (slug) => count([wpReader.posts(), wpReader.pages()], slug),
    ghost: (slug) => count([ghostReader.list('post'), ghostReader.list('page')], slug),
  };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sameSlug = (slug: string) => {
  const pattern = new RegExp(`^${escape(slug)}(-\\d+)?$`);
  return (candidate: string) => pattern.test(candidate);
};

/** Files under `content/` on main named for `slug` (or `slug-N`): `x.md`, `2024-01-02-x.md`, `x/index.md`. */
async function countGitFiles(repoPath: string, slug: string): Promise<number> {
  const { stdout } = await run('git', [
    '--git-dir',
    repoPath,
    'ls-tree',
    '-r',
    '--name-only',
    'main',
    '--',
    'content',
  ]);
  const pattern = new RegExp(
    `/(\\d{4}-\\d{2}-\\d{2}-)?${escape(slug)}(-\\d+)?(\\.md|\\.markdown|/index\\.md)$`,
  );
  return stdout.split('\n').filter((path) => pattern.test(path)).length;
}

/** The git server with the Hugo site's repository, and the static host that serves its build. */
interface GitSite {
  server: GitServer;
  repoUrl: string;
  repoPath: string;
  /** The static host's address (the site's public URL), e.g. `http://127.0.0.1:41234`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the git server and the static host, then makes repository `bakery-site` from the Hugo
 * fixture with `baseURL` set to the static host's address (so the built pages link to it).
 */
async function startGitSite(): Promise<GitSite> {
  const [server, host] = await Promise.all([startGitServer(), startStaticHost()]);
  try {
    const copy = await mkdtemp(join(tmpdir(), 'sitedesk-hugo-fixture-'));
    try {
      await cp(HUGO_FIXTURE, copy, { recursive: true });
      const config = join(copy, 'config.toml');
      const text = await readFile(config, 'utf8');
      await writeFile(
        config,
        text
          .replace(/^baseURL = .*$/m, `baseURL = "${host.url}/"`)
          .replace(/^title = .*$/m, `title = "${REAL_SITE_NAMES.git}"`),
      );
      const repo = await server.createRepo('bakery-site', copy);
      host.serve(repo.path);
      return {
        server,
        repoUrl: repo.url,
        repoPath: repo.path,
        url: host.url,
        async stop() {
          await Promise.allSettled([host.stop(), server.stop()]);
        },
      };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  } catch (error) {
    await Promise.allSettled([host.stop(), server.stop()]);
    throw error;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/**
 * A static host on 127.0.0.1: on each request it builds main of the repository with Hugo
 * (build-site.ts) when main moved since the last build, then serves the file asked for
 * (`/posts/x/` → `/posts/x/index.html`). That is what a CI deploy of the static site does, only
 * at once.
 */
async function startStaticHost(): Promise<{
  url: string;
  serve(repoPath: string): void;
  stop(): Promise<void>;
}> {
  let repoPath: string | undefined;
  let built: { rev: string; site: BuiltSite } | undefined;
  let building: Promise<BuiltSite> | undefined;
  const current = async (): Promise<BuiltSite> => {
    if (!repoPath) throw new Error('no repository yet');
    const repo = repoPath;
    const { stdout } = await run('git', ['--git-dir', repo, 'rev-parse', 'main']);
    const rev = stdout.trim();
    if (built?.rev === rev) return built.site;
    building ??= (async () => {
      try {
        const site = await buildSite('hugo', repo, 60_000);
        const old = built;
        built = { rev, site };
        await old?.site.remove();
        return site;
      } finally {
        building = undefined;
      }
    })();
    await building;
    // Main may have moved again while building: look once more.
    return current();
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    current()
      .then(async (site) => {
        const root = site.outDir;
        let file = normalize(join(root, path));
        if (file !== root && !file.startsWith(root + sep)) throw new Error('outside');
        if ((await stat(file).catch(() => undefined))?.isDirectory()) {
          if (!path.endsWith('/')) {
            res.writeHead(301, { location: `${path}/` }).end();
            return;
          }
          file = join(file, 'index.html');
        }
        const body = await readFile(file).catch(() => undefined);
        if (!body) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
          return;
        }
        const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        res.writeHead(200, { 'content-type': type }).end(req.method === 'HEAD' ? '' : body);
      })
      .catch((error: unknown) => {
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`build failed: ${String(error)}\n`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve(path) {
      repoPath = path;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await building?.catch(() => undefined);
      await built?.site.remove();
    },
  };
}

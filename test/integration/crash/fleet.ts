/**
 * A fleet of real sites for the crash test and the fan-out benchmark: WordPress, Ghost and git
 * sites, each its own instance or repository (one server would merge same-slug posts), set up
 * in sitedesk through the real `sitedesk client add` / `site add` commands, and a way to count
 * the copies of a slug on every site through its own API.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runCli } from '../../../src/cli/run-cli.js';
import { createGhostConnector } from '../../../src/connectors/ghost/index.js';
import { createWordPressConnector } from '../../../src/connectors/wordpress/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { startGhost, type GhostInstance } from '../../env/ghost/ghost-server.js';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { startWordPress, type RunningWordPress } from '../../env/wordpress/start.js';
import { captureIo } from '../../unit/cli/cli-io.js';
import { startLatencyProxy } from './latency-proxy.js';

const run = promisify(execFile);

/** One site of the fleet as sitedesk knows it. */
export interface FleetSite {
  kind: 'wordpress' | 'ghost' | 'git';
  name: string;
  url: string;
  settings: Record<string, unknown>;
  secret: string;
  /** How many posts on the site have `slug` (or a de-duplicated `slug-2`, `slug-3` …). */
  copies(slug: string): Promise<number>;
  /** The same count for each of `slugs`, reading the site's posts once (hundreds of slugs). */
  copiesOf(slugs: string[]): Promise<number[]>;
}

/** Running sites and how to stop them. */
export interface Fleet {
  sites: FleetSite[];
  /** Milliseconds each kind took to start (all instances of the kind). */
  startMs: Record<FleetSite['kind'], number>;
  stop(): Promise<void>;
}

/** Runs `work` over `items`, at most `limit` at once. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const sameSlug = (slug: string) => (candidate: string) =>
  candidate === slug || new RegExp(`^${slug}-\\d+$`).test(candidate);

/** copies() for many slugs from one listing of the site's post slugs. */
const countIn = (listed: string[], slugs: string[]): number[] =>
  slugs.map((slug) => listed.filter(sameSlug(slug)).length);

function wordpressSite(wp: RunningWordPress, name: string): FleetSite {
  const settings = { username: wp.username };
  return {
    kind: 'wordpress',
    name,
    url: wp.url,
    settings,
    secret: wp.appPassword,
    async copies(slug) {
      return (await this.copiesOf([slug]))[0] ?? 0;
    },
    async copiesOf(slugs) {
      const secrets = createMemorySecretStore();
      await secrets.set('site:count', wp.appPassword);
      const connector = createWordPressConnector(
        { id: 'count', url: wp.url, settings },
        { secrets, logger: createSilentLogger(), clock: systemClock },
      );
      const listed: string[] = [];
      for await (const post of connector.posts()) listed.push(post.slug);
      return countIn(listed, slugs);
    },
  };
}

function ghostSite(ghost: GhostInstance, name: string): FleetSite {
  return {
    kind: 'ghost',
    name,
    url: ghost.url,
    settings: {},
    secret: ghost.adminKey,
    async copies(slug) {
      return (await this.copiesOf([slug]))[0] ?? 0;
    },
    async copiesOf(slugs) {
      const secrets = createMemorySecretStore();
      await secrets.set('site:count', ghost.adminKey);
      const connector = createGhostConnector(
        { id: 'count', url: ghost.url },
        { secrets, logger: createSilentLogger(), clock: systemClock },
      );
      const listed: string[] = [];
      for await (const post of connector.list('post')) listed.push(post.slug);
      return countIn(listed, slugs);
    },
  };
}

async function gitSite(server: GitServer, name: string): Promise<FleetSite> {
  const hugo = fileURLToPath(new URL('../../fixtures/sites/hugo/', import.meta.url));
  const repo = await server.createRepo(name, hugo);
  const copiesOf = async (slugs: string[]): Promise<number[]> => {
    const { stdout } = await run(
      'git',
      ['--git-dir', repo.path, 'ls-tree', '-r', '--name-only', 'main'],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const paths = stdout.split('\n');
    return slugs.map(
      (slug) =>
        paths.filter((path) => path.includes(`/${slug}`) || path.includes(`-${slug}.`)).length,
    );
  };
  return {
    kind: 'git',
    name,
    url: `http://${name}.invalid`,
    settings: {
      repoUrl: repo.url,
      generator: 'hugo',
      author: { name: 'Sitedesk', email: 'sitedesk@example.test' },
    },
    secret: server.token,
    copies: async (slug) => (await copiesOf([slug]))[0] ?? 0,
    copiesOf,
  };
}

/**
 * Starts `counts` sites of each kind: a WordPress (own MariaDB and PHP) per site, a Ghost per
 * site (booted `ghostParallel` at a time: each is a heavy Node process), one git server with a
 * repository per site.
 */
export async function startFleet(
  counts: Record<FleetSite['kind'], number>,
  options: { ghostParallel?: number; prefix?: string; latencyMs?: number } = {},
): Promise<Fleet> {
  const prefix = options.prefix ?? 'site';
  const stops: (() => Promise<void>)[] = [];
  const startMs = { wordpress: 0, ghost: 0, git: 0 };
  const timed = async <T>(kind: FleetSite['kind'], work: () => Promise<T>): Promise<T> => {
    const began = Date.now();
    try {
      return await work();
    } finally {
      startMs[kind] = Date.now() - began;
    }
  };
  try {
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const [wordpress, ghosts, git] = await Promise.all([
      timed('wordpress', () =>
        mapLimit(range(counts.wordpress), 4, async (i) => {
          const wp = await startWordPress();
          stops.push(() => wp.stop());
          return wordpressSite(wp, `${prefix}-wp-${i + 1}`);
        }),
      ),
      timed('ghost', () =>
        mapLimit(range(counts.ghost), options.ghostParallel ?? 2, async (i) => {
          const ghost = await startGhost();
          stops.push(() => ghost.stop());
          return ghostSite(ghost, `${prefix}-ghost-${i + 1}`);
        }),
      ),
      timed('git', async () => {
        if (counts.git === 0) return [];
        const server = await startGitServer();
        stops.push(() => server.stop());
        return mapLimit(range(counts.git), 4, (i) => gitSite(server, `${prefix}-git-${i + 1}`));
      }),
    ]);
    const sites = [...wordpress, ...ghosts, ...git];
    const latency = options.latencyMs ?? 0;
    if (latency > 0) {
      // sitedesk talks to each site through its own delaying proxy; copies() still asks directly.
      for (const site of sites) {
        const key = site.kind === 'git' ? 'repoUrl' : undefined;
        const direct = key ? String(site.settings[key]) : site.url;
        const origin = new URL(direct).origin;
        const proxy = await startLatencyProxy(origin, latency);
        stops.push(() => proxy.stop());
        const proxied = direct.replace(origin, proxy.url);
        if (key) site.settings = { ...site.settings, [key]: proxied };
        else site.url = proxied;
      }
    }
    return { sites, startMs, stop: () => stopAll(stops) };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  await Promise.allSettled(stops.map((stop) => stop()));
}

/** Runs `sitedesk` in-process with `env`; returns the exit code and what it printed. */
export async function sitedesk(env: NodeJS.ProcessEnv, args: string[], stdin = '') {
  const io = captureIo(env, stdin);
  const code = await runCli(args, io.io);
  return { code, out: io.out(), err: io.err() };
}

/** Adds client "Fleet" and every site through `sitedesk client add` / `site add` (secret on stdin, no check). */
export async function registerFleet(env: NodeJS.ProcessEnv, fleet: Fleet): Promise<void> {
  const client = await sitedesk(env, [
    'client',
    'add',
    '--name',
    'Fleet',
    '--timezone',
    'Europe/Prague',
  ]);
  if (client.code !== 0) throw new Error(`client add failed: ${client.err}`);
  for (const site of fleet.sites) {
    const settings = flatten(site.settings)
      .map(([key, value]) => ['--setting', `${key}=${value}`])
      .flat();
    const args = [
      'site',
      'add',
      '--client',
      'Fleet',
      '--name',
      site.name,
      '--kind',
      site.kind,
      '--url',
      site.url,
      ...settings,
      '--no-check',
    ];
    const added = await sitedesk(env, args, `${site.secret}\n`);
    if (added.code !== 0) throw new Error(`site add ${site.name} failed: ${added.err}`);
  }
}

function flatten(value: Record<string, unknown>, path: string[] = []): [string, string][] {
  return Object.entries(value).flatMap(([key, inner]): [string, string][] =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? flatten(inner as Record<string, unknown>, [...path, key])
      : [[[...path, key].join('.'), String(inner)]],
  );
}

/**
 * Builds a sample site with its real generator, from a fresh local clone of a test
 * repository: Hugo and Jekyll from Debian, Eleventy and Astro from the test tools that
 * test/env/generators/prepare.sh installs outside the clone (they are not sitedesk's packages). All output is captured (Eleventy spins if its stdout closes early) and every
 * build has a timeout. Drafts and future posts are not asked for (no -D/-F/--future).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where prepare.sh installed Eleventy and Astro; a clear error when it has not run. */
function generatorModules(): string {
  const cache = process.env.SITEDESK_CACHE_DIR ?? join(homedir(), '.cache', 'sitedesk');
  const modules = join(cache, 'generators', 'node_modules');
  if (!existsSync(join(cache, 'generators', '.sitedesk-installed')))
    throw new Error(
      `Eleventy and Astro are not installed for the tests: run bash test/env/generators/prepare.sh (expected ${modules})`,
    );
  return modules;
}

/** A generator this helper can run. */
export type SiteGenerator = 'hugo' | 'jekyll' | 'eleventy' | 'astro';

/** A built site: read a page by its URL path (`/posts/x/` reads `/posts/x/index.html`). */
export interface BuiltSite {
  outDir: string;
  /** The page's HTML, or undefined when the build did not write it. */
  page(urlPath: string): Promise<string | undefined>;
  remove(): Promise<void>;
}

function command(
  generator: SiteGenerator,
  dir: string,
  out: string,
): { cmd: string; args: string[]; env: NodeJS.ProcessEnv } {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', JEKYLL_NO_BUNDLER_REQUIRE: 'true' };
  if (generator === 'hugo')
    return {
      cmd: 'hugo',
      args: ['--quiet', '--cacheDir', join(dir, '..', 'hugo-cache'), '-s', dir, '-d', out],
      env,
    };
  if (generator === 'jekyll')
    return {
      cmd: 'jekyll',
      args: ['build', '--quiet', '--strict-front-matter', '-s', dir, '-d', out],
      env,
    };
  if (generator === 'eleventy') {
    return {
      cmd: process.execPath,
      args: [
        join(generatorModules(), '@11ty/eleventy/cmd.cjs'),
        '--quiet',
        '--input=.',
        `--output=${out}`,
      ],
      env,
    };
  }
  return {
    cmd: process.execPath,
    args: [
      join(generatorModules(), 'astro/astro.js'),
      'build',
      '--silent',
      '--root',
      dir,
      '--outDir',
      out,
    ],
    env,
  };
}

/** Clones bare `repoPath` (main) and builds it with `generator`; throws with the tool's output on failure. */
export async function buildSite(
  generator: SiteGenerator,
  repoPath: string,
  timeoutMs = 120_000,
): Promise<BuiltSite> {
  const base = await mkdtemp(join(tmpdir(), `sitedesk-build-${generator}-`));
  const dir = join(base, 'site');
  const outDir = join(base, 'out');
  await run('git', ['clone', '--quiet', '--branch', 'main', '--', repoPath, dir]);
  if (generator === 'astro') await symlink(generatorModules(), join(dir, 'node_modules'));
  const { cmd, args, env } = command(generator, dir, outDir);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: dir,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(text);
      else
        reject(
          new Error(`${generator} build failed (exit ${code ?? 'killed'}):\n${text.slice(-3000)}`),
        );
    });
  });
  void output;
  return {
    outDir,
    page: (urlPath) =>
      readFile(
        join(outDir, urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath),
        'utf8',
      ).catch(() => undefined),
    remove: () => rm(base, { recursive: true, force: true }),
  };
}

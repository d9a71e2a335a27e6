/**
 * How tests start sitedesk (and their own child scripts) as separate Node processes.
 *
 * Through tsx each process compiles every module it loads before it can run: `sitedesk --help`
 * cost 4.3 s of CPU that way against 2.0 s as JavaScript, and the integration tier starts some
 * seventy such processes (crash runners, workers, `serve`, keychain drivers). So the tier's
 * global set-up (test/env/node-scripts-setup.ts) transpiles `src` and `test` once per run with
 * esbuild (about a second; the same per-file transform tsx does, with no type check: CI checks
 * types on its own) and names the folder in SITEDESK_TEST_BUILD. Without it (a script run by
 * hand), tsx as before.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The repository's root folder. */
export const REPO_ROOT = join(import.meta.dirname, '../..');

/**
 * Node's arguments to run `script` (a .ts path, absolute or from the repository's root) with
 * `args`: the transpiled copy when this run made one, else the source through tsx.
 */
export function nodeArgs(script: string, ...args: string[]): string[] {
  const source = relative(REPO_ROOT, resolve(REPO_ROOT, script));
  const build = process.env.SITEDESK_TEST_BUILD;
  if (build) {
    const compiled = join(build, source.replace(/\.ts$/, '.js'));
    if (existsSync(compiled)) return ['--enable-source-maps', compiled, ...args];
  }
  return ['--import', 'tsx', join(REPO_ROOT, source), ...args];
}

/** Node's arguments to run the `sitedesk` command with `args`. */
export function sitedeskArgs(...args: string[]): string[] {
  return nodeArgs('src/cli/main.ts', ...args);
}

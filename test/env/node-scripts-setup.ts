/**
 * Global set-up of the integration tier: transpiles `src` (the web app aside) and `test` with
 * esbuild into a folder of this run, for the processes tests start (see node-scripts.ts). The
 * folder lies inside the repository so that modules find package.json and node_modules the
 * way the sources do; it is removed when the run ends.
 */
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './node-scripts.js';

/** The .ts files under `dir` (from the root), minus tests, declarations and `skip` folders. */
async function sources(dir: string, skip: readonly string[]): Promise<string[]> {
  const entries = await readdir(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true });
  return (
    entries
      // Test files themselves run in vitest: only what a process is started with is needed.
      .filter((entry) => entry.isFile() && /(?<!\.d|\.test)\.ts$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((path) => !skip.some((folder) => path.startsWith(join(REPO_ROOT, folder) + '/')))
  );
}

export default async function setup(): Promise<() => Promise<void>> {
  const outdir = join(REPO_ROOT, '.test-build', String(process.pid));
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const entryPoints = [
    ...(await sources('src', ['src/ui'])),
    ...(await sources('test', ['test/e2e', 'test/unit/ui'])),
  ];
  await build({
    entryPoints,
    outbase: REPO_ROOT,
    outdir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
  });
  // Node reads .js as ESM only below a package.json saying so (the repository's is "module",
  // but a folder's own package.json would win; none here, so say it for the copy).
  await writeFile(join(outdir, 'package.json'), '{ "type": "module" }\n');
  process.env.SITEDESK_TEST_BUILD = outdir;
  return async () => {
    await rm(outdir, { recursive: true, force: true });
    // The parent goes too once no other run (another lane) has its folder there.
    await rmdir(join(REPO_ROOT, '.test-build')).catch(() => undefined);
  };
}

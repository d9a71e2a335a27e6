#!/usr/bin/env node
// `npm start`: serves the built sitedesk. It builds first only when the build is missing or
// older than the sources, so a restart takes a second instead of a full TypeScript and vite
// build, and an install without devDependencies (`npm ci --omit=dev` after `npm run build`)
// serves as it is. Arguments after `npm start --` replace the default `serve`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist', 'src', 'cli', 'main.js');
const webApp = join(root, 'dist', 'ui', 'index.html');
const inputs = ['src', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** Newest modification time among the files the build reads. */
function newestInput(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestInput(join(path, name)));
  return newest;
}

/** When the last build finished (tsc and vite rewrite every output), or 0 when incomplete. */
function builtAt() {
  if (!existsSync(entry) || !existsSync(webApp)) return 0;
  return Math.min(statSync(entry).mtimeMs, statSync(webApp).mtimeMs);
}

const built = builtAt();
const sources = Math.max(...inputs.map((input) => newestInput(join(root, input))));
if (built < sources) {
  const canBuild = existsSync(join(root, 'node_modules', 'typescript'));
  if (!canBuild && built > 0) {
    console.error('sitedesk: the sources changed since the last build; serving the last build.');
    console.error(
      'sitedesk: to rebuild, install the devDependencies (npm ci) and run npm run build.',
    );
  } else if (!canBuild) {
    console.error('sitedesk: there is no build yet, and building needs the devDependencies.');
    console.error('sitedesk: run  npm ci && npm run build  once, then  npm start.');
    process.exit(1);
  } else {
    console.error(
      built ? 'sitedesk: sources changed, building …' : 'sitedesk: first start, building …',
    );
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

const args = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...(args.length > 0 ? args : ['serve'])];
await import(pathToFileURL(entry).href);

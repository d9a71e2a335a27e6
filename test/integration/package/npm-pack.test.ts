// `npm pack` gives a package that installs into an empty folder and runs without the source
// tree: the packed tarball (built by its prepack script) is installed with npm, and
// `npx sitedesk serve` answers /health and serves the web app.
// One thing differs from an installation elsewhere: better-sqlite3's install script fetches a
// prebuilt binary from GitHub, which this machine cannot reach (and compiling SQLite takes
// ~8 minutes on its 2 shared cores). So scripts are skipped and the binary this repository's
// install already has (same version, same Node) is copied in; everything else is what npm put there.
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');
let folder: string | undefined;
let stop: (() => void) | undefined;
afterAll(async () => {
  stop?.();
  if (folder) await rm(folder, { recursive: true, force: true });
});

it('packs, installs into an empty folder and starts with npx sitedesk serve', async () => {
  folder = await mkdtemp(join(tmpdir(), 'sitedesk-pack-'));
  // vitest sets NODE_ENV=test, which would make vite build the web app for development.
  const packed = await run('npm', ['pack', '--json', '--pack-destination', folder], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 64 * 1024 * 1024,
  });
  // The prepack build prints to stdout too (vite's lines can hold '['), so the JSON is found
  // as the array that opens on a line of its own.
  const start = packed.stdout.search(/^\[\s*$/m);
  expect(start, packed.stdout.slice(0, 2000)).toBeGreaterThanOrEqual(0);
  const [info] = JSON.parse(packed.stdout.slice(start)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const paths = info!.files.map((f) => f.path);
  expect(paths).toContain('dist/src/cli/main.js');
  expect(paths).toContain('dist/src/store/migrations/index.js');
  expect(paths).toContain('dist/ui/index.html');
  expect(paths).toContain('deploy/systemd/sitedesk.service');
  expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/'))).toEqual([]);

  const app = join(folder, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), '{ "name": "install-test", "private": true }\n');
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      join(folder, info!.filename),
    ],
    { cwd: app, maxBuffer: 64 * 1024 * 1024 },
  );
  const binary = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  await mkdir(join(app, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
  await copyFile(join(root, binary), join(app, binary));

  const child = spawn('npx', ['--offline', 'sitedesk', 'serve', '--port', '0'], {
    cwd: app,
    env: {
      ...process.env,
      SITEDESK_DATA_DIR: join(folder, 'data'),
      SITEDESK_SECRET_STORE: 'file',
      SITEDESK_LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stop = () => child.kill('SIGTERM');
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(`${code ?? ''}${signal ?? ''}`)),
  );
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL logged:\n${logs.join('\n')}`)), 60_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      logs.push(line);
      const entry = JSON.parse(line) as { url?: string };
      if (entry.url) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
  const health = await fetch(`${url}/health`);
  // The installed package serves as one instance on its own SQLite store.
  expect(await health.json()).toEqual({
    status: 'ok',
    version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    database: 'sqlite',
    queue: null,
    role: 'api+worker',
  });
  const page = await fetch(`${url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="app"');
  expect(logs.join('\n')).not.toContain('the web app is not built');
  child.kill('SIGTERM');
  // npx passes the signal on to sitedesk and then ends by it itself.
  expect(['0', 'SIGTERM']).toContain(await exited);
  // npm pack builds first (tsc and vite) and npm installs from its cache or the registry.
}, 900_000);

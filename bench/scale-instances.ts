/**
 * The sitedesk instances of bench:scale, each the real CLI in a process of its own (through
 * tsx, as the integration tests run it): `sitedesk serve --no-worker` (test/integration/cli/
 * serve-process.ts starts it) and `sitedesk worker`, all on one PostgreSQL database, each with a
 * data folder of its own holding a copy of the one secret file (docs/operator/scaling.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { systemClock } from '../src/shared/clock.js';
import type { Store } from '../src/store/index.js';
import { createAccounts } from '../src/tasks/accounts/index.js';
import { startServe, type ServeProcess } from '../test/integration/cli/serve-process.js';

/** The environment of every instance on `databaseUrl`; `dataDir` holds the shared secret file. */
export function instanceEnv(databaseUrl: string, dataDir: string): NodeJS.ProcessEnv {
  return {
    SITEDESK_DATA_DIR: dataDir,
    SITEDESK_SECRET_STORE: 'file',
    SITEDESK_DATABASE_URL: databaseUrl,
    SITEDESK_LOG_LEVEL: 'info',
    USER: 'bench-scale',
  };
}

/** A data folder of its own for instance `name` under the shared one, with its secret file. */
export async function ownDataDir(env: NodeJS.ProcessEnv, name: string): Promise<string> {
  const shared = env.SITEDESK_DATA_DIR ?? '';
  const dir = join(shared, name);
  if (existsSync(dir)) return dir;
  await mkdir(dir, { mode: 0o700 });
  for (const file of ['secrets.enc', 'secrets.key'])
    if (existsSync(join(shared, file))) await copyFile(join(shared, file), join(dir, file));
  return dir;
}

/** Starts `sitedesk serve --no-worker` (API only) with its own data folder `name`. */
export async function startApiInstance(
  env: NodeJS.ProcessEnv,
  name: string,
): Promise<ServeProcess> {
  return startServe({ ...env, SITEDESK_DATA_DIR: await ownDataDir(env, name) }, ['--no-worker']);
}

/** A running `sitedesk worker`. */
export interface WorkerProcess {
  child: ChildProcess;
  /** SIGTERM (it finishes the posts in flight), and the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `sitedesk worker --concurrency N` with its own data folder `name`; ready when it says so. */
export async function startWorker(
  env: NodeJS.ProcessEnv,
  name: string,
  concurrency: number,
): Promise<WorkerProcess> {
  const dataDir = await ownDataDir(env, name);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--concurrency', String(concurrency)],
    {
      env: { ...process.env, ...env, SITEDESK_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited ${code}:\n${logs.join('\n')}`)));
    createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (logs.length < 200) logs.push(line);
      if (line.includes('runner and scheduler started')) resolve();
    });
  });
  return {
    child,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A user and an API token for the load client, made in the database every instance reads. */
export async function apiToken(store: Store): Promise<string> {
  const accounts = await createAccounts({ store, clock: systemClock });
  const user = await accounts.addUser({
    username: `bench-${process.pid}-${Date.now()}`,
    password: 'bench password long',
    role: 'secretary',
  });
  return (await accounts.createApiToken(user, { name: 'bench' })).token;
}

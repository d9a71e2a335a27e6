/**
 * Starts a real Ghost 5 for the tests: the package installed once per machine by
 * test/env/ghost/prepare.sh, a fresh copy of its content folder (SQLite database, themes,
 * images) in a temp dir, a free loopback port, an owner account and an integration whose
 * Admin API key the tests use. Recipe and its reasons: issue 4.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  closeSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, portAnswers } from '../ports.js';
import { createGhostAdminSession, type GhostAdminSession } from './admin-session.js';

/** The Ghost version prepare.sh installs. */
export const GHOST_VERSION = process.env.GHOST_VERSION ?? '5.130.4';

/** A running Ghost and the means to stop it. */
export interface GhostInstance {
  /** Base URL, no trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Admin API key (`id:secret`) of the integration created at start. */
  adminKey: string;
  /** Owner session (cookie) for set-up tasks the Admin API key may not do. */
  admin: GhostAdminSession;
  /** PID of the Ghost process (leader of its own process group). */
  pid: number;
  /** Stops Ghost (SIGTERM) and starts it again on the same port and data; says how long the stop took. */
  restart(): Promise<{ stopMs: number }>;
  /** Last lines of Ghost's own log, for failure messages. */
  logTail(lines?: number): string;
  /** SIGTERM to the process group; SIGKILL after 5 s. Removes the temp dir. */
  stop(): Promise<void>;
}

/** Where prepare.sh installed Ghost. */
export function ghostInstallDir(): string {
  const cache = process.env.SITEDESK_CACHE_DIR ?? join(homedir(), '.cache', 'sitedesk');
  return join(cache, `ghost-${GHOST_VERSION}`);
}

/** Boots Ghost (about 5 s), sets up the owner and an integration key. */
export async function startGhost(options: { port?: number } = {}): Promise<GhostInstance> {
  const installDir = ghostInstallDir();
  if (!existsSync(join(installDir, '.sitedesk-installed'))) {
    throw new Error(`Ghost is not installed at ${installDir}: run bash test/env/ghost/prepare.sh`);
  }
  const port = options.port ?? (await freePort());
  if (await portAnswers(port))
    throw new Error(`refusing to start Ghost: 127.0.0.1:${port} already answers`);

  const dir = mkdtempSync(join(tmpdir(), 'sitedesk-ghost-'));
  const contentPath = join(dir, 'content');
  cpSync(join(installDir, 'content'), contentPath, { recursive: true });
  const logPath = join(dir, 'ghost.log');
  const url = `http://127.0.0.1:${port}`;
  const logTail = (lines = 40): string => readTail(logPath, lines);
  let running = launch({
    installDir,
    contentPath,
    logPath,
    port,
    url,
    home: process.env.HOME ?? dir,
  });

  const halt = (): Promise<void> => killGroup(running.child, running.exited);
  const stop = async (): Promise<void> => {
    await halt();
    if (!process.env.GHOST_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitReady(url, running.exited, logTail);
    const admin = await createGhostAdminSession(url);
    const adminKey = (await admin.createIntegration('sitedesk tests')).adminKey;
    const instance: GhostInstance = {
      url,
      adminKey,
      admin,
      pid: running.child.pid ?? -1,
      logTail,
      stop,
      async restart() {
        const stopping = Date.now();
        await halt();
        const stopMs = Date.now() - stopping;
        if (await portAnswers(port))
          throw new Error(`cannot restart Ghost: 127.0.0.1:${port} still answers`);
        running = launch({
          installDir,
          contentPath,
          logPath,
          port,
          url,
          home: process.env.HOME ?? dir,
        });
        instance.pid = running.child.pid ?? -1;
        await waitReady(url, running.exited, logTail);
        return { stopMs };
      },
    };
    return instance;
  } catch (error) {
    const tail = logTail();
    await stop();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n--- Ghost log ---\n${tail}`,
      { cause: error },
    );
  }
}

/** Spawns Ghost in its own process group with configuration by environment only (issue 4). */
function launch(where: {
  installDir: string;
  contentPath: string;
  logPath: string;
  port: number;
  url: string;
  home: string;
}): {
  child: ChildProcess;
  exited: Promise<number | null>;
} {
  const logFd = openSync(where.logPath, 'a');
  const child = spawn(process.execPath, ['index.js'], {
    cwd: where.installDir,
    detached: true, // own process group, so stop() reaches every child Ghost forks
    stdio: ['ignore', logFd, logFd],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: where.home,
      NODE_ENV: 'development',
      url: where.url,
      server__host: '127.0.0.1',
      server__port: String(where.port),
      database__client: 'sqlite3',
      database__connection__filename: join(where.contentPath, 'data', 'ghost-test.db'),
      paths__contentPath: where.contentPath,
      mail__transport: 'stub',
      privacy__useTinfoil: 'true',
      // Without this every second login fails with 2FA_NEW_DEVICE_DETECTED (issue 4).
      security__staffDeviceVerification: 'false',
      logging__transports: '["stdout"]',
      logging__level: process.env.GHOST_LOG_LEVEL ?? 'warn',
    },
  });
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, exited };
}

async function waitReady(
  url: string,
  exited: Promise<number | null>,
  logTail: () => string,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  let done = false;
  void exited.then(() => (done = true));
  while (Date.now() < deadline) {
    if (done) throw new Error(`Ghost exited while booting:\n${logTail()}`);
    try {
      const response = await fetch(`${url}/ghost/api/admin/site/`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Ghost did not answer 200 on /ghost/api/admin/site/ within 120 s:\n${logTail()}`);
}

async function killGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function readTail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

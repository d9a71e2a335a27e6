/**
 * A lock file: created with O_EXCL, it names its holder's pid, so two processes (the server and
 * a `sitedesk secrets set`; two connectors on one warm clone) never do the same guarded work at
 * once. A lock whose process is gone — or older than `staleMs`, when given — is taken over, so a
 * crash never leaves the work locked for good.
 */
import { open, readFile, rm, stat } from 'node:fs/promises';
import { systemClock, type Clock } from './clock.js';

/** How a lock file is waited for; times in ms. */
export interface LockFileOptions {
  /** How long to wait for another holder before `busy()` is thrown. */
  timeoutMs: number;
  /** A lock older than this is stale whoever holds it; default: age alone never makes it stale. */
  staleMs?: number;
  /** Time for the deadline and the waits between looks; default the system clock. */
  clock?: Clock;
  /** The error to throw when the lock stayed held past `timeoutMs` (it says what is busy). */
  busy: (lockPath: string) => Error;
  /** The error to throw when the lock file cannot be created at all; default the system's own. */
  cannotCreate?: (lockPath: string, cause: unknown) => Error;
}

/**
 * Runs `work` while holding the lock file `lockPath`, and removes the file afterwards (also
 * when `work` throws). Waits, looking more slowly over time (5 ms up to every 50 ms), while
 * a live process holds it.
 */
export async function withLockFile<T>(
  lockPath: string,
  work: () => Promise<T>,
  options: LockFileOptions,
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + options.timeoutMs;
  for (let look = 0; ; look++) {
    if (await tryCreate(lockPath, options)) break;
    if (await isStale(lockPath, options.staleMs)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (clock.now() >= deadline) throw options.busy(lockPath);
    await clock.sleep(Math.min(5 + look * 5, 50));
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** Creates the lock with our pid; false when someone else holds it. */
async function tryCreate(lockPath: string, options: LockFileOptions): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(String(process.pid));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw options.cannotCreate ? options.cannotCreate(lockPath, error) : error;
  }
}

async function isStale(lockPath: string, staleMs: number | undefined): Promise<boolean> {
  try {
    const [info, text] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')]);
    // The file system's wall-clock time, not the injected clock: mtime is wall-clock.
    if (staleMs !== undefined && Date.now() - info.mtimeMs > staleMs) return true;
    const pid = Number.parseInt(text, 10);
    // An empty file is a holder between its open and its write: not stale.
    if (!Number.isInteger(pid) || pid <= 0) return false;
    return !isAlive(pid);
  } catch (error) {
    // Gone between our try and this look: try again at once.
    if (codeOf(error) === 'ENOENT') return true;
    throw error;
  }
}

/** Whether a process with this pid runs (EPERM: it does, as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) !== 'ESRCH';
  }
}

function codeOf(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}

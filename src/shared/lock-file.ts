/**
 * A lock file: created with O_EXCL, it names its holder's pid, so two processes (the server and
 * a `sitedesk secrets set`; two connectors on one warm clone) never do the same guarded work at
 * once. A lock whose process is gone — or older than `staleMs`, when given — is taken over, so a
 * crash never leaves the work locked for good.
 *
 * Only the lock file judged stale is ever removed, and only the holder's own file on release:
 * a waiter that found the lock held and then found it gone (let go in between) tries again
 * instead of removing the path, which by then may be the next holder's fresh lock. Removing it
 * let two holders in at once; two `sitedesk run` processes then worked in one warm git clone
 * together, and one reset the other's commit away before its push (a publication recorded as
 * published whose file never reached the site).
 */
import { randomUUID } from 'node:crypto';
import type { Stats } from 'node:fs';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
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
 * when `work` throws) if it is still ours. Waits, looking more slowly over time (5 ms up to
 * every 50 ms), while a live process holds it.
 */
export async function withLockFile<T>(
  lockPath: string,
  work: () => Promise<T>,
  options: LockFileOptions,
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + options.timeoutMs;
  let ours: string | undefined;
  for (let look = 0; ; look++) {
    ours = await tryCreate(lockPath, options);
    if (ours !== undefined) break;
    const found = await lookAt(lockPath, options.staleMs);
    // Let go between our try and our look: try again at once, and remove nothing.
    if (found === 'gone') continue;
    if (found.stale) {
      await takeOver(lockPath, found.identity);
      continue;
    }
    if (clock.now() >= deadline) throw options.busy(lockPath);
    await clock.sleep(Math.min(5 + look * 5, 50));
  }
  try {
    return await work();
  } finally {
    await release(lockPath, ours);
  }
}

/** Which file a lock is (a new lock at the same path is another file, even on a reused inode). */
function identityOf(info: Stats): string {
  return `${info.ino}:${info.birthtimeMs}:${info.mtimeMs}`;
}

/** Creates the lock with our pid; its identity, or undefined when someone else holds it. */
async function tryCreate(lockPath: string, options: LockFileOptions): Promise<string | undefined> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(String(process.pid));
      return identityOf(await handle.stat());
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return undefined;
    throw options.cannotCreate ? options.cannotCreate(lockPath, error) : error;
  }
}

/** The lock as found: gone, or held (stale or not) by the file with `identity`. */
async function lookAt(
  lockPath: string,
  staleMs: number | undefined,
): Promise<'gone' | { stale: boolean; identity: string }> {
  try {
    const [info, text] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')]);
    const identity = identityOf(info);
    // The file system's wall-clock time, not the injected clock: mtime is wall-clock.
    if (staleMs !== undefined && Date.now() - info.mtimeMs > staleMs)
      return { stale: true, identity };
    const pid = Number.parseInt(text, 10);
    // An empty file is a holder between its open and its write: not stale.
    if (!Number.isInteger(pid) || pid <= 0) return { stale: false, identity };
    return { stale: !isAlive(pid), identity };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'gone';
    throw error;
  }
}

/**
 * Removes the stale lock `identity`: moved aside first (atomic), so when another waiter took
 * it over meanwhile and made a fresh lock, that fresh lock is what moved, and it goes back.
 */
async function takeOver(lockPath: string, identity: string): Promise<void> {
  const aside = `${lockPath}.${process.pid}-${randomUUID()}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  try {
    if (identityOf(await stat(aside)) !== identity) {
      await link(aside, lockPath).catch((error: unknown) => {
        // A third process locked the empty path in that instant; it holds the lock now.
        if (codeOf(error) !== 'EEXIST') throw error;
      });
    }
  } finally {
    await rm(aside, { force: true });
  }
}

/** Removes the lock if it is still the file we made (a taken-over lock is not ours to remove). */
async function release(lockPath: string, identity: string | undefined): Promise<void> {
  const info = await stat(lockPath).catch(() => undefined);
  if (info !== undefined && identityOf(info) === identity) await rm(lockPath, { force: true });
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

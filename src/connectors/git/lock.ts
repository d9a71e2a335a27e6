/**
 * A lock file next to a warm clone, so two connectors for the same site (two instances in one
 * process, or two sitedesk processes sharing a data folder) never run git in the same clone
 * at once. The file holds the owner's pid; a lock whose process is gone is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import type { Clock } from '../../shared/clock.js';
import { SitedeskError } from '../../shared/errors.js';

/** Holds `path` while `task` runs; waits up to `timeoutMs` for another holder (polling every 50 ms). */
export async function withLockFile<T>(
  path: string,
  timeoutMs: number,
  clock: Clock,
  task: () => Promise<T>,
): Promise<T> {
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await holderIsGone(path)) {
        await rm(path, { force: true });
        continue;
      }
      if (clock.now() >= deadline) {
        throw new SitedeskError(
          'git_clone_busy',
          `The warm clone is in use by another sitedesk operation (lock ${path}); try again shortly.`,
        );
      }
      await clock.sleep(50);
    }
  }
  try {
    return await task();
  } finally {
    await rm(path, { force: true });
  }
}

async function holderIsGone(path: string): Promise<boolean> {
  const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  // An empty file is a lock being written right now: not gone.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

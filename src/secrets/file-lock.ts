import { open, readFile, rm, stat } from 'node:fs/promises';
import { SecretStoreError, messageOf } from '../shared/errors.js';
import { isCode } from './file-key.js';

/** Timing of the lock, in milliseconds. */
export interface FileLockOptions {
  /** Give up after this long; default 5000. */
  timeoutMs?: number;
  /** A lock older than this is stale whoever holds it (a write takes milliseconds); default 30000. */
  staleMs?: number;
}

/**
 * Runs `work` while holding `<path>.lock`, a file created with O_EXCL that names the holder's pid.
 * It keeps two processes (the server and a `sitedesk secrets set`, say) from each reading the
 * secret file, changing it and writing it back over the other's change. A lock left by a process
 * that died, or older than `staleMs`, is taken over.
 */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lockPath = `${path}.lock`;
  const timeoutMs = options.timeoutMs ?? 5000;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if (!isCode(error, 'EEXIST')) {
        throw new SecretStoreError(
          'secret_store_failed',
          `Could not create the lock file ${lockPath}: ${messageOf(error)}`,
          { cause: error },
        );
      }
    }
    if (await isStale(lockPath, staleMs)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new SecretStoreError(
        'secret_store_failed',
        `The secret file is locked by another sitedesk process (${lockPath}) and stayed locked for ${timeoutMs} ms. ` +
          'If no other sitedesk runs, remove that file.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  try {
    const [info, text] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')]);
    if (Date.now() - info.mtimeMs > staleMs) return true;
    const pid = Number.parseInt(text, 10);
    // An empty file is a holder between open and write: not stale yet.
    if (!Number.isInteger(pid) || pid <= 0) return false;
    return !isAlive(pid);
  } catch (error) {
    // Gone between the EEXIST and now: try again at once.
    if (isCode(error, 'ENOENT')) return true;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return isCode(error, 'EPERM');
  }
}

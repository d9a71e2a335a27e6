import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLockFile } from '../../../../src/connectors/git/lock.js';
import { createFakeClock, systemClock } from '../../../../src/shared/clock.js';

describe('clone lock file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sitedesk-lock-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('holds the lock with our pid while the task runs, then removes it', async () => {
    const path = join(dir, 'site.lock');
    const seen = await withLockFile(path, 1000, systemClock, () => readFile(path, 'utf8'));
    expect(seen).toBe(String(process.pid));
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose process is gone', async () => {
    const path = join(dir, 'site.lock');
    // pid_max on Linux is at most 2^22, so this pid cannot be running.
    await writeFile(path, String(2 ** 22 + 1));
    await expect(withLockFile(path, 1000, systemClock, async () => 'ran')).resolves.toBe('ran');
  });

  it('waits for a live holder and gives up with a clear error at the deadline', async () => {
    const path = join(dir, 'site.lock');
    await writeFile(path, String(process.pid));
    const clock = createFakeClock();
    const waiting = withLockFile(path, 100, clock, async () => 'ran').catch(
      (error: unknown) => error,
    );
    for (let i = 0; i < 10 && clock.pending() === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await clock.advance(60);
    for (let i = 0; i < 10 && clock.pending() === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await clock.advance(60);
    expect(await waiting).toMatchObject({ code: 'git_clone_busy' });
    expect(await readFile(path, 'utf8')).toBe(String(process.pid));
  });
});

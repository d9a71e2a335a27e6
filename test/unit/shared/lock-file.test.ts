import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../src/shared/clock.js';
import { withLockFile, type LockFileOptions } from '../../../src/shared/lock-file.js';

class Busy extends Error {}
const options: LockFileOptions = { timeoutMs: 1000, busy: (path) => new Busy(path) };

/** The pid of a process that ran and is gone (so the pid is real, not made up). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('withLockFile', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sitedesk-lock-'));
    path = join(dir, 'work.lock');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('holds the lock with our pid while the work runs, then removes it, also after a throw', async () => {
    const seen = await withLockFile(path, () => readFile(path, 'utf8'), options);
    expect(seen).toBe(String(process.pid));
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(
      withLockFile(path, () => Promise.reject(new Error('work failed')), options),
    ).rejects.toThrow('work failed');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose process is gone', async () => {
    await writeFile(path, `${await deadPid()}\n`);
    await expect(withLockFile(path, async () => 'ran', options)).resolves.toBe('ran');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('waits for a live holder and gets the lock once it lets go', async () => {
    await writeFile(path, String(process.pid));
    const clock = createFakeClock();
    const waiting = withLockFile(path, async () => 'ran', { ...options, clock });
    while (clock.pending() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await rm(path);
    await clock.advance(50);
    await expect(waiting).resolves.toBe('ran');
  });

  it('gives up on a live holder at the deadline with the caller’s error, leaving its lock', async () => {
    await writeFile(path, String(process.pid));
    const clock = createFakeClock();
    const waiting = withLockFile(path, async () => 'ran', {
      ...options,
      timeoutMs: 100,
      clock,
    }).catch((error: unknown) => error);
    for (let i = 0; i < 20 && !(await settled(waiting)); i++) {
      while (clock.pending() === 0 && !(await settled(waiting)))
        await new Promise((resolve) => setTimeout(resolve, 5));
      await clock.advance(50);
    }
    const error = await waiting;
    expect(error).toBeInstanceOf(Busy);
    expect((error as Error).message).toBe(path);
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBeGreaterThanOrEqual(100);
    expect(await readFile(path, 'utf8')).toBe(String(process.pid));
  });

  it('takes over a live holder’s lock only when it is older than staleMs', async () => {
    await writeFile(path, String(process.pid));
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    await expect(
      withLockFile(path, async () => 'ran', { ...options, timeoutMs: 0 }),
    ).rejects.toBeInstanceOf(Busy);
    await expect(
      withLockFile(path, async () => 'ran', { ...options, staleMs: 30_000 }),
    ).resolves.toBe('ran');
  });

  it('reports a lock that cannot be created with the caller’s error', async () => {
    const nowhere = join(dir, 'missing-folder', 'work.lock');
    const error = await withLockFile(nowhere, async () => 'ran', {
      ...options,
      cannotCreate: (lockPath, cause) => new Error(`cannot lock ${lockPath}`, { cause }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: `cannot lock ${nowhere}`, cause: { code: 'ENOENT' } });
  });
});

async function settled(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol();
  return (await Promise.race([promise, Promise.resolve(marker)])) !== marker;
}

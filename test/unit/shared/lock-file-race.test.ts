// Two races of lock takers, each staged so it happens every time (fs calls wrapped):
// - the moment two `sitedesk run` processes met in one warm git clone: a waiter finds the lock
//   held, the holder lets go and the next holder locks again, and only then does the waiter
//   look — and finds nothing. It must try again, not remove the path (the next holder's lock);
// - two waiters take over one dead holder's lock: the first removes it and locks; the second,
//   still sure the path is the dead one's, must not remove the first's fresh lock.
import { spawn } from 'node:child_process';
import type * as fsPromises from 'node:fs/promises';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type * as lockFile from '../../../src/shared/lock-file.js';

/** Which race the wrapped fs stages next (once). */
const race: { next: 'stat' | 'takeover' | undefined } = { next: undefined };
const NEXT_HOLDER = `${process.pid}-next`;

/** node:fs/promises with the staged race on `stat` (lookers) or on removing a stale lock. */
async function racingFs(importOriginal: () => Promise<typeof fsPromises>) {
  const real = await importOriginal();
  const nextHolderLocks = (path: string) => real.writeFile(path, NEXT_HOLDER, { flag: 'wx' });
  return {
    ...real,
    stat: async (...args: Parameters<typeof real.stat>) => {
      if (race.next !== 'stat') return real.stat(...args);
      race.next = undefined;
      const path = String(args[0]);
      await real.rm(path); // the holder lets go …
      const seen = await real.stat(...args).then(
        (info) => ({ info }),
        (error: unknown) => ({ error }),
      ); // … the waiter looks now …
      await nextHolderLocks(path); // … and the next holder locks.
      if ('error' in seen) throw seen.error;
      return seen.info;
    },
    // The old code removed a stale lock with rm, the fixed one moves it aside with rename:
    // either way, the other waiter's takeover and fresh lock land just before.
    ...Object.fromEntries(
      (['rm', 'rename'] as const).map((name) => [
        name,
        async (path: string, ...rest: unknown[]) => {
          if (race.next === 'takeover' && path.endsWith('.lock')) {
            race.next = undefined;
            await real.rm(path);
            await nextHolderLocks(path);
          }
          return (real[name] as (...a: unknown[]) => Promise<void>)(path, ...rest);
        },
      ]),
    ),
  };
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

class Busy extends Error {}
let dir: string;
let path: string;
let withLockFile: typeof lockFile.withLockFile;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sitedesk-lock-race-'));
  path = join(dir, 'clone.lock');
  // Unit files share a module cache (vitest.config.ts): lock-file.ts is loaded anew, on the
  // wrapped fs, for this file only.
  vi.resetModules();
  vi.doMock('node:fs/promises', racingFs);
  ({ withLockFile } = await import('../../../src/shared/lock-file.js'));
});
afterEach(async () => {
  race.next = undefined;
  vi.doUnmock('node:fs/promises');
  vi.resetModules();
  await rm(dir, { recursive: true, force: true });
});

/** Tries the lock once (no waiting): whether the work ran, and how it ended. */
async function tryOnce(): Promise<{ ran: boolean; outcome: unknown }> {
  let ran = false;
  const outcome = await withLockFile(
    path,
    async () => {
      ran = true;
    },
    { timeoutMs: 0, busy: (lockPath) => new Busy(lockPath) },
  ).catch((error: unknown) => error);
  return { ran, outcome };
}

it('a lock let go and taken again while a waiter looked stays the next holder’s', async () => {
  await writeFile(path, String(process.pid)); // the first holder (alive: this process)
  race.next = 'stat';
  const { ran, outcome } = await tryOnce();
  expect(race.next, 'the race was staged').toBeUndefined();
  expect(ran, 'the waiter worked beside the next holder').toBe(false);
  expect(outcome).toBeInstanceOf(Busy);
  expect(await readFile(path, 'utf8')).toBe(NEXT_HOLDER);
});

it('a dead holder’s lock taken over by another waiter first stays that waiter’s', async () => {
  await writeFile(path, String(await deadPid()));
  race.next = 'takeover';
  const { ran, outcome } = await tryOnce();
  expect(race.next, 'the race was staged').toBeUndefined();
  expect(ran, 'the waiter worked beside the one that took over first').toBe(false);
  expect(outcome).toBeInstanceOf(Busy);
  expect(await readFile(path, 'utf8')).toBe(NEXT_HOLDER);
});

it('the work’s end leaves a lock that is no longer its own', async () => {
  await withLockFile(
    path,
    async () => {
      // Someone took the lock over (e.g. it was judged stale) while the work ran.
      await rm(path);
      await writeFile(path, NEXT_HOLDER);
    },
    { timeoutMs: 0, busy: (lockPath) => new Busy(lockPath) },
  );
  expect(await readFile(path, 'utf8')).toBe(NEXT_HOLDER);
});

/**
 * Process plumbing of the test WordPress: servers run as leaders of their own process group
 * (and session), so a stop kills every worker they forked; free ports; waiting for readiness.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Spawns `command` as leader of a new process group (and session) so it can be killed as one. */
export function spawnGroup(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): ChildProcess {
  const child = spawn('bash', ['-c', 'exec "$@" >>"$LOG" 2>&1', 'spawn', command, ...args], {
    env: { ...env, LOG: logFile, PATH: `${env.PATH ?? ''}:/usr/sbin` },
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child;
}

/** Sends `signal` to the whole process group of each child; gone groups are skipped. */
export function killGroups(groups: ChildProcess[], signal: NodeJS.Signals): void {
  for (const child of groups) {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    }
  }
}

/** Kills the child's whole process group and waits until none of it runs. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  // The site's data is thrown away, so there is nothing to shut down cleanly: the whole group
  // (php -S and its workers, or mariadbd) is killed at once. Polled rather than awaited via
  // 'exit': the child is unref'd, and a timer keeps the event loop alive meanwhile.
  killGroups([child], 'SIGKILL');
  const until = Date.now() + 10_000;
  while (groupAlive(pid)) {
    if (Date.now() > until) throw new Error(`process group ${pid} survived SIGKILL for 10 s`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/**
 * Whether any process of group `pgid` still runs. Zombies do not count: the php -S workers,
 * orphaned when their master dies, wait for init to reap them but hold no port or file.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // Fields after the parenthesised command: state ppid pgrp …
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

/** Polls `probe` every 50 ms until it says yes; throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await probe()) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

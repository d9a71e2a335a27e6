/**
 * Where the CPU went during a bench:scale measurement, from Linux's own accounting (/proc):
 * per process (utime + stime), PostgreSQL as a whole (the postmaster, its live backends, and
 * what its ended backends used), and the machine (busy share of all cores). On a shared
 * 2-core machine wall times swing with the neighbours' load; CPU seconds per request do not.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

/** utime, stime, cutime, cstime (seconds) and ppid of `pid`; undefined when it is gone. */
function stat(pid: number): { own: number; children: number; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]) / TICKS_PER_SECOND;
    return { ppid: Number(fields[1]), own: n(11) + n(12), children: n(13) + n(14) };
  } catch {
    return undefined;
  }
}

/** CPU seconds the processes `pids` have used so far (those gone count 0). */
export function cpuSeconds(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (stat(pid)?.own ?? 0), 0);
}

/** CPU seconds `pid` and the children it has reaped (here: the git server's CGI processes) used. */
export function cpuWithChildrenSeconds(pid: number): number {
  const s = stat(pid);
  return (s?.own ?? 0) + (s?.children ?? 0);
}

/**
 * CPU seconds PostgreSQL has used so far: the postmaster's own and its reaped children's, plus
 * every live child's (a backend that ends between two readings moves from the one to the other,
 * so differences stay right).
 */
export function postgresCpuSeconds(postmaster: number): number {
  const main = stat(postmaster);
  let sum = (main?.own ?? 0) + (main?.children ?? 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = stat(Number(entry));
    if (child?.ppid === postmaster) sum += child.own;
  }
  return sum;
}

/** Busy and total CPU seconds of the whole machine so far (all cores, /proc/stat). */
export function machineSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}

/** A reading of named CPU counters; `since()` gives each one's seconds used after it. */
export function cpuMeter<K extends string>(
  counters: Record<K, () => number>,
): { since(): Record<K, number> & { wallSeconds: number; machineBusyCores: number } } {
  const read = () =>
    Object.fromEntries(Object.entries<() => number>(counters).map(([k, f]) => [k, f()])) as Record<
      K,
      number
    >;
  const start = read();
  const startWall = performance.now();
  const startMachine = machineSeconds();
  return {
    since() {
      const now = read();
      const machine = machineSeconds();
      const cores = (machine.total - startMachine.total) / ((performance.now() - startWall) / 1000);
      const used = Object.fromEntries(
        Object.keys(now).map((k) => [k, now[k as K] - start[k as K]]),
      ) as Record<K, number>;
      return {
        ...used,
        wallSeconds: (performance.now() - startWall) / 1000,
        // Busy share of all cores × their number: 2.0 means both cores were busy all along.
        machineBusyCores:
          ((machine.busy - startMachine.busy) / (machine.total - startMachine.total)) *
          Math.round(cores),
      };
    },
  };
}

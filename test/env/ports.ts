/**
 * Loopback port helpers shared by the test servers (WordPress, Ghost, dovecot, …).
 *
 * Ports for servers that other programs start (php, mariadbd, dovecot, Ghost, radicale, postgres)
 * are handed out race-free across processes, so the integration and e2e tiers can run side by side:
 * - they come from below the kernel's ephemeral range, which outgoing connections and listen(0)
 *   draw from; a port found there by listen(0) + close could be taken again before the server
 *   bound it (seen: dovecot's "Address already in use" while the other tier was busy);
 * - each is reserved by creating a file named after it, exclusively, in one folder under the
 *   temp dir; the file holds our PID and is removed when our process exits (vitest ends its
 *   workers with SIGTERM, so that is caught too). A reservation whose process is gone (a killed
 *   run) is swept: by run-all.sh before the tiers start, and by each process on its first call.
 */
import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RESERVATIONS = join(tmpdir(), 'sitedesk-test-ports');
/** Below 20000 live well-known services (MariaDB 3306, PostgreSQL 5432, …). */
const LOWEST = 20_000;
const held: string[] = [];

/** The first port of the kernel's ephemeral range (32768 on a stock Linux). */
function ephemeralLow(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > LOWEST + 1_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Whether we can listen on `port` at 127.0.0.1 right now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function releaseHeld(): void {
  for (const file of held.splice(0)) {
    try {
      unlinkSync(file);
    } catch {
      // already gone: nothing to release
    }
  }
}

/** Releases on exit, and on SIGTERM, then lets SIGTERM end the process as it would have. */
function releaseAtExit(): void {
  process.once('exit', releaseHeld);
  const onTerm = (): void => {
    releaseHeld();
    if (process.listenerCount('SIGTERM') > 0) return; // someone else decides how to end
    process.kill(process.pid, 'SIGTERM');
  };
  process.once('SIGTERM', onTerm);
}

let swept = false;

/** A loopback port no other test process holds and nothing listens on (see the header). */
export async function freePort(): Promise<number> {
  mkdirSync(RESERVATIONS, { recursive: true });
  if (!swept) {
    swept = true;
    sweepStalePortReservations();
    releaseAtExit();
  }
  const span = ephemeralLow() - LOWEST;
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const port = LOWEST + Math.floor(Math.random() * span);
    const file = join(RESERVATIONS, String(port));
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    held.push(file);
    // Something outside the tests listens there: the reservation stays, so no one tries it again.
    if (await canListen(port)) return port;
  }
  throw new Error(`no free loopback port in ${LOWEST}–${LOWEST + span - 1} after 500 tries`);
}

/**
 * Removes reservations whose process has ended. A reservation is only ever created (exclusively)
 * or removed, never rewritten; a sweeper moves a dead one aside before removing it and puts back
 * what it moved if that turns out to be a live one (another sweeper removed the dead one and a new
 * reservation took its name in between).
 */
export function sweepStalePortReservations(): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(RESERVATIONS).filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const name of names) {
    const file = join(RESERVATIONS, name);
    const aside = `${file}.sweep-${process.pid}`;
    try {
      if (processAlive(Number(readFileSync(file, 'utf8')))) continue;
      renameSync(file, aside);
    } catch {
      continue; // removed meanwhile by its own process or another sweeper
    }
    if (processAlive(Number(readFileSync(aside, 'utf8')))) {
      try {
        linkSync(aside, file); // never over a newer reservation
      } catch {
        // a newer reservation holds the name: the moved one is dropped
      }
    } else {
      removed += 1;
    }
    unlinkSync(aside);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `port` accepts a connection (and, with `greeting`, says it first). */
export function portAnswers(port: number, greeting?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => {
      if (greeting === undefined) done(true);
    });
    socket.once('data', (data: Buffer) => done(data.toString().startsWith(greeting ?? '')));
    socket.once('close', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until `port` accepts connections (and greets with `greeting`, when given: a listening
 * port alone does not mean the login process started); throws after `timeoutMs` or once
 * `gaveUp()` is true.
 */
export async function waitForPort(
  port: number,
  timeoutMs: number,
  gaveUp: () => boolean,
  greeting?: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gaveUp()) {
    if (await portAnswers(port, greeting)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (!gaveUp()) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
}

/** Waits until nothing accepts connections on `port` any more (dovecot takes ~1 s after a kill). */
export async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await portAnswers(port))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} still open after ${timeoutMs} ms`);
}

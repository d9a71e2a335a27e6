/**
 * A real PostgreSQL 15 for the tests: Debian's binaries, a cluster made by initdb in a temp
 * folder (about 2 s) and started by pg_ctl on 127.0.0.1 and a free port. Everything (data,
 * socket, log) lives in that folder, so several run side by side. As root the cluster belongs
 * to the `postgres` user (PostgreSQL refuses to run as root); otherwise to the user running the
 * tests. Durability is switched off (fsync, synchronous_commit): a test cluster never outlives
 * its run, and the shared 2-core machine is slow enough.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, waitForPortClosed } from '../ports.js';

/** Where Debian's postgresql-15 package puts its programs. */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** A running test cluster. */
export interface PostgresServer {
  host: string;
  port: number;
  /** The superuser the tests connect as (no password: trust on loopback). */
  user: string;
  /** `postgres://user@127.0.0.1:port/<database>` (default the `postgres` database). */
  url(database?: string): string;
  /** Creates an empty database (optionally a copy of `template`) and returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  /** Drops a database (ending its connections): its files go now, not all at dispose. */
  dropDatabase(name: string): Promise<void>;
  /** The postmaster's PID. */
  readonly pid: number;
  /** Stops the cluster (fast shutdown) and removes its folder. */
  dispose(): Promise<void>;
  /** The server log so far (for failure messages). */
  log(): string;
}

/** Starts a fresh cluster; ready when it accepts a query. */
export async function startPostgres(): Promise<PostgresServer> {
  if (!existsSync(join(POSTGRES_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL 15 is not installed (no ${POSTGRES_BIN}/initdb): apt-get install --no-install-recommends postgresql`,
    );
  }
  const asRoot = process.getuid?.() === 0;
  const root = mkdtempSync(join(tmpdir(), 'sitedesk-postgres-'));
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  // The C collation sorts text byte by byte, as SQLite does: ids and ISO timestamps order the
  // same on both stores (docs/operator/postgresql.md asks the same of a production database).
  const as = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (program: string, args: string[]): string => {
    const [command, ...rest] = [...as, join(POSTGRES_BIN, program), ...args];
    try {
      return execFileSync(command as string, rest, { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${program} failed: ${stderr || stdout || String(error)}\n${readLog()}`);
    }
  };
  const readLog = (): string =>
    existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no server log)';
  const user = 'postgres';
  run('initdb', [
    '-D',
    data,
    '-U',
    user,
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-instructions',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster PID:\n${readLog()}`);
  watchdog(pid);

  const url = (database = 'postgres'): string =>
    `postgres://${user}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let disposed = false;
  const server: PostgresServer = {
    host: '127.0.0.1',
    port,
    user,
    pid,
    url,
    log: readLog,
    async createDatabase(name, template) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad test database name ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(
          // FILE_COPY copies the template's files; the default (WAL_LOG, PostgreSQL 15) writes
          // all of it into the WAL, which for a test's hundred databases is gigabytes.
          `CREATE DATABASE ${name}${template === undefined ? '' : ` TEMPLATE ${template}`} STRATEGY FILE_COPY`,
        );
      } finally {
        await client.end();
      }
      return url(name);
    },
    async dropDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad test database name ${name}`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } catch {
        killQuietly(pid);
      }
      await waitForPortClosed(port, 10_000);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return server;
}

function postgresUser(): { uid: number; gid: number } {
  const [uid, gid] = ['-u', '-g'].map((flag) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()),
  );
  return { uid: uid ?? 0, gid: gid ?? 0 };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGQUIT');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Stops the postmaster (SIGQUIT: immediate shutdown, it ends its own children) when the test
 * process dies without disposing of it (a crashed vitest worker), so no cluster outlives the run.
 */
function watchdog(pid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pid} 2>/dev/null; do sleep 1; done; kill -QUIT ${pid} 2>/dev/null`;
  spawn('sh', ['-c', script], { stdio: 'ignore', detached: true }).unref();
}

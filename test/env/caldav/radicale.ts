/**
 * A real CalDAV server for the calendar tests: Debian's Radicale started as a plain process with
 * a generated config on 127.0.0.1 and a free port, htpasswd logins and its own storage folder.
 * Everything lives in one temp folder, so several instances run side by side. Radicale has no
 * free-busy REPORT, so it also exercises the "read the events and expand them" path.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort, waitForPortClosed } from '../ports.js';

/** One login of the test server. */
export interface CalDavUser {
  user: string;
  password: string;
}

/** A running Radicale. */
export interface CalDavServer {
  /** e.g. http://127.0.0.1:41234/ */
  url: string;
  port: number;
  users: CalDavUser[];
  /** Creates calendar `name` of `user` (MKCALENDAR); answers its URL. */
  makeCalendar(user: string, name: string, options?: { readOnly?: boolean }): Promise<string>;
  /** PUTs one iCalendar object into a calendar URL under `file`, as another program would. */
  put(user: string, calendarUrl: string, file: string, ics: string): Promise<void>;
  /** The .ics files of a calendar on disk (what the server really keeps). */
  files(user: string, calendarName: string): string[];
  /** Kills Radicale and waits until its port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same storage. */
  restart(): Promise<void>;
  /** Stops it and removes its temp folder. */
  dispose(): Promise<void>;
  log(): string;
}

/** Starts Radicale; ready when its port accepts connections. */
export async function startCalDavServer(
  options: { users?: CalDavUser[] } = {},
): Promise<CalDavServer> {
  if (!existsSync('/usr/bin/radicale')) {
    throw new Error('radicale is not installed: apt-get install --no-install-recommends radicale');
  }
  const users = options.users ?? [
    { user: 'alice', password: `alice-${Math.random().toString(36).slice(2)}` },
    { user: 'bob', password: `bob-${Math.random().toString(36).slice(2)}` },
  ];
  const root = mkdtempSync(join(tmpdir(), 'sitedesk-radicale-'));
  mkdirSync(join(root, 'collections'));
  // APR1-MD5 hashes from openssl, the password on stdin (never in a process list).
  const lines = users.map(({ user, password }) => {
    const hash = execFileSync('openssl', ['passwd', '-apr1', '-stdin'], {
      input: password,
      encoding: 'utf8',
    }).trim();
    return `${user}:${hash}\n`;
  });
  writeFileSync(join(root, 'users'), lines.join(''), { mode: 0o600 });
  const readOnlyCalendars = new Set<string>();
  writeFileSync(join(root, 'rights'), rightsFile(readOnlyCalendars));
  const port = await freePort();
  const conf = join(root, 'radicale.conf');
  writeFileSync(conf, radicaleConfig(root, port));
  const url = `http://127.0.0.1:${port}/`;
  const basic = (user: string): string => {
    const account = users.find((u) => u.user === user);
    if (!account) throw new Error(`no test user ${user}`);
    return `Basic ${Buffer.from(`${user}:${account.password}`).toString('base64')}`;
  };

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const proc = spawn('/usr/bin/radicale', ['--config', conf], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    child = proc;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    if (proc.pid !== undefined) watchdog(proc.pid);
    let exited = false;
    proc.once('exit', () => {
      exited = true;
    });
    await waitForPort(port, 20_000, () => exited);
    if (exited) throw new Error(`radicale did not start:\n${stderr}`);
  };
  await launch();

  const server: CalDavServer = {
    url,
    port,
    users,
    log: () => (existsSync(join(root, 'log')) ? readFileSync(join(root, 'log'), 'utf8') : ''),
    async makeCalendar(user, name, opts = {}) {
      const calendarUrl = `${url}${user}/${name}/`;
      // The user's home collection appears at the first authenticated request.
      await fetch(`${url}${user}/`, {
        method: 'PROPFIND',
        headers: { authorization: basic(user), depth: '0' },
      });
      const body =
        '<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">' +
        `<D:set><D:prop><D:displayname>${name}</D:displayname>` +
        '<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>' +
        '</D:prop></D:set></C:mkcalendar>';
      const response = await fetch(calendarUrl, {
        method: 'MKCALENDAR',
        headers: { authorization: basic(user), 'content-type': 'application/xml' },
        body,
      });
      if (response.status !== 201)
        throw new Error(`MKCALENDAR ${calendarUrl} → ${response.status}`);
      if (opts.readOnly) {
        // A calendar shared read-only with the user, as a provider would: the rights file says so.
        readOnlyCalendars.add(`/${user}/${name}/`);
        writeFileSync(join(root, 'rights'), rightsFile(readOnlyCalendars));
      }
      return calendarUrl;
    },
    async put(user, calendarUrl, file, ics) {
      const response = await fetch(`${calendarUrl}${file}`, {
        method: 'PUT',
        headers: { authorization: basic(user), 'content-type': 'text/calendar; charset=utf-8' },
        body: ics,
      });
      if (response.status >= 300) {
        throw new Error(`PUT ${calendarUrl}${file} → ${response.status} ${await response.text()}`);
      }
    },
    files(user, calendarName) {
      const dir = join(root, 'collections', 'collection-root', user, calendarName);
      if (!existsSync(dir)) return [];
      return execFileSync('ls', [dir], { encoding: 'utf8' })
        .split('\n')
        .filter((f) => f.endsWith('.ics'));
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.pid === undefined) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
      await exited;
      await waitForPortClosed(port, 5_000);
    },
    async restart() {
      await server.stop();
      await launch();
    },
    async dispose() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * Rights: every user reads and writes their own collections, except the calendars listed as
 * read-only (Radicale reads the file at each request, so a change needs no restart).
 */
function rightsFile(readOnly: ReadonlySet<string>): string {
  const sections = [...readOnly].map(
    (path, i) =>
      `[read-only-${i}]\nuser: .+\ncollection: ${path.slice(1, -1).replace(/[.]/g, '\\.')}\npermissions: r\n`,
  );
  return `${sections.join('\n')}
[root]
user: .+
collection:
permissions: R

[principal]
user: .+
collection: {user}
permissions: RW

[calendars]
user: .+
collection: {user}/[^/]+
permissions: rw
`;
}

/** Kills Radicale when the test process dies without stopping it, so none outlives the run. */
function watchdog(pgid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${pgid} 2>/dev/null; do sleep 1; done; kill -9 -${pgid} 2>/dev/null`;
  spawn('sh', ['-c', script], { stdio: 'ignore', detached: true }).unref();
}

function radicaleConfig(root: string, port: number): string {
  return `# generated by test/env/caldav/radicale.ts
[server]
hosts = 127.0.0.1:${port}

[auth]
type = htpasswd
htpasswd_filename = ${root}/users
htpasswd_encryption = md5
# No delay after a refused password: the tests of a wrong password would wait for it.
delay = 0

[rights]
type = from_file
file = ${root}/rights

[storage]
filesystem_folder = ${root}/collections

[web]
type = none

[logging]
level = warning
`;
}

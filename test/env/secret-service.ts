/**
 * A real Secret Service for the keychain tests: a private D-Bus session bus (dbus-daemon) and
 * an unlocked gnome-keyring-daemon on it, both with a temporary HOME/XDG folders, so a test
 * never touches the developer's own keyring. Needs the Debian packages dbus-daemon (with
 * dbus-send from dbus-bin) and gnome-keyring. Everything is stopped by PID.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { messageOf } from '../../src/shared/errors.js';

const run = promisify(execFile);

/** The password the test login keyring is created and unlocked with. */
const KEYRING_PASSWORD = 'sitedesk-test-keyring';

/** A running private session bus, optionally with a Secret Service on it. */
export interface SecretServiceEnv {
  /** Variables a child process needs to reach this bus (DBUS_SESSION_BUS_ADDRESS, HOME, XDG_*). */
  env: Record<string, string>;
  /** The temporary HOME; the keyring files live under it. */
  home: string;
  /** Whether gnome-keyring-daemon is running now. */
  keyringRunning(): boolean;
  /** Starts gnome-keyring-daemon (unlocked) on this bus and waits until it owns org.freedesktop.secrets. */
  startKeyring(): Promise<void>;
  /** Stops gnome-keyring-daemon and waits until the name is released; the bus stays up. */
  stopKeyring(): Promise<void>;
  /** Stops everything and removes the temporary folders. */
  stop(): Promise<void>;
}

/**
 * Starts `dbus-daemon --nofork --print-address` with its own config and, unless
 * `withKeyring` is false, an unlocked `gnome-keyring-daemon --components=secrets --foreground`.
 * The bus config lists no service folders on purpose: the system's
 * org.freedesktop.secrets.service would otherwise let D-Bus start a (locked, collection-less)
 * keyring on demand, and a "no Secret Service" test would not be one.
 */
export async function startSecretService(
  options: { withKeyring?: boolean } = {},
): Promise<SecretServiceEnv> {
  const root = await mkdtemp(join(tmpdir(), 'sitedesk-secret-service-'));
  const home = join(root, 'home');
  const runtime = join(root, 'run');
  await mkdir(home, { recursive: true });
  await mkdir(runtime, { recursive: true, mode: 0o700 });
  const config = join(root, 'bus.conf');
  await writeFile(config, busConfig(runtime));

  const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If this process dies without stop() (a crashed test run), the watchdog's stdin closes and it
  // stops the bus; gnome-keyring-daemon exits by itself when its bus goes away.
  const watchdog = spawn('sh', ['-c', 'read _ ; kill "$1" 2>/dev/null', 'sh', String(bus.pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  const watchdogInput: unknown = watchdog.stdin;
  if (watchdogInput instanceof Socket) watchdogInput.unref();
  let keyring: ChildProcess | undefined;
  const stopAll = async (): Promise<void> => {
    if (keyring) await stopProcess(keyring);
    keyring = undefined;
    await stopProcess(watchdog);
    await stopProcess(bus);
    await rm(root, { recursive: true, force: true });
  };

  let address: string;
  try {
    address = await firstLine(bus, 5000);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const env: Record<string, string> = {
    DBUS_SESSION_BUS_ADDRESS: address,
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };

  const service: SecretServiceEnv = {
    env,
    home,
    keyringRunning: () =>
      keyring !== undefined && keyring.exitCode === null && keyring.signalCode === null,
    async startKeyring() {
      if (service.keyringRunning()) return;
      const child = spawn(
        'gnome-keyring-daemon',
        ['--unlock', '--components=secrets', '--foreground'],
        {
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
          stdio: ['pipe', 'ignore', 'pipe'],
        },
      );
      keyring = child;
      let failure = '';
      child.once(
        'error',
        (error) => (failure = `${error.message} (is the gnome-keyring package installed?)`),
      );
      child.stderr?.on(
        'data',
        (chunk: Buffer) => (failure = (failure + chunk.toString()).slice(-2000)),
      );
      // --unlock reads the login keyring's password from stdin (and creates the keyring with it
      // the first time, as the default collection, on disk under HOME).
      child.stdin?.end(KEYRING_PASSWORD);
      try {
        await waitForName(
          env,
          true,
          10_000,
          () => child.exitCode !== null || child.pid === undefined,
        );
      } catch (error) {
        await service.stopKeyring();
        throw new Error(`gnome-keyring-daemon did not start: ${messageOf(error)}; ${failure}`, {
          cause: error,
        });
      }
    },
    async stopKeyring() {
      if (!keyring) return;
      await stopProcess(keyring);
      keyring = undefined;
      await waitForName(env, false, 5000, () => false);
    },
    stop: stopAll,
  };
  try {
    if (options.withKeyring !== false) await service.startKeyring();
  } catch (error) {
    await stopAll();
    throw error;
  }
  return service;
}

function busConfig(runtime: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${runtime}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/** Polls the bus until org.freedesktop.secrets has (or no longer has) an owner. */
async function waitForName(
  env: Record<string, string>,
  owned: boolean,
  timeoutMs: number,
  died: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { stdout } = await run(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.freedesktop.secrets',
      ],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, timeout: 2000 },
    );
    if (stdout.includes(`boolean ${owned}`)) return;
    if (died())
      throw new Error('gnome-keyring-daemon exited before it owned org.freedesktop.secrets');
    if (Date.now() > deadline) {
      throw new Error(
        `org.freedesktop.secrets was ${owned ? 'not owned' : 'still owned'} after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`dbus-daemon printed no address within ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, newline).trim());
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(
          `dbus-daemon could not start (is the dbus-daemon package installed?): ${error.message}`,
        ),
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dbus-daemon exited with ${code}: ${err}`));
    });
  });
}

/** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

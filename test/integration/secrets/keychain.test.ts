import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileSecretStore } from '../../../src/secrets/file-store.js';
import { SecretRegistry } from '../../../src/shared/redact.js';
import { startSecretService, type SecretServiceEnv } from '../../env/secret-service.js';
import type {
  DriverRequest,
  DriverResponse,
  DriverStep,
  DriverStepResult,
} from '../../env/secrets/driver-types.js';
import { runDriver } from '../../env/secrets/run-driver.js';

// The keychain store against a real Secret Service: gnome-keyring-daemon, unlocked, on a private
// D-Bus session bus (test/env/secret-service.ts). Every keychain call runs in a child process
// (test/env/secrets/keychain-driver.ts explains why: libdbus keeps the first bus address it saw).

let service: SecretServiceEnv; // bus + unlocked gnome-keyring
let bare: SecretServiceEnv; // a bus on which nothing owns org.freedesktop.secrets
let root: string;
let hangServer: Server;
const hangSockets = new Set<Socket>();
/**
 * A step that hangs waits out D-Bus's own 25 s call timeout; one that works, or gives up at our
 * 300 ms, takes well under a second on a quiet machine (1.2 s seen with chromium and two test
 * tiers sharing two cores). 5 s tells the two apart without timing a busy machine.
 */
const NO_HANG_MS = 5_000;
let hangPath: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sitedesk-keychain-test-'));
  [service, bare] = await Promise.all([
    startSecretService(),
    startSecretService({ withKeyring: false }),
  ]);
  // A socket that accepts connections and never says a word: a hung bus.
  hangPath = join(root, 'hung-bus.sock');
  hangServer = createServer((socket) => {
    hangSockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('close', () => hangSockets.delete(socket));
  });
  await new Promise<void>((resolve) => hangServer.listen(hangPath, resolve));
});

afterAll(async () => {
  for (const socket of hangSockets) socket.destroy();
  await new Promise<void>((resolve) =>
    hangServer ? hangServer.close(() => resolve()) : resolve(),
  );
  await Promise.all([service?.stop(), bare?.stop()]);
  await rm(root, { recursive: true, force: true });
});

type Config = DriverRequest['config'];
const config = (secretStore: Config['secretStore'], extra: Partial<Config> = {}): Config => ({
  secretStore,
  dataDir: join(root, `data-${randomBytes(4).toString('hex')}`),
  // Generous where the service is there (CI machines are busy); the absent cases set 300 ms.
  keychainTimeoutMs: 5000,
  ...extra,
});

/** Runs the steps after an `open` and returns the results by index (0 = open). */
async function drive(
  env: Record<string, string>,
  cfg: Config,
  steps: DriverStep[],
): Promise<DriverResponse> {
  return runDriver(env, { config: cfg, steps: [{ op: 'open' }, ...steps] });
}
const at = (response: DriverResponse, index: number): DriverStepResult => {
  const result = response.results[index];
  if (!result) throw new Error(`no result ${index}: ${JSON.stringify(response)}`);
  return result;
};

/** Environments in which no Secret Service answers; each names its own empty XDG_RUNTIME_DIR so
 * the zbus default (`$XDG_RUNTIME_DIR/bus`) cannot find a real user bus either. */
const absent = (): Record<string, Record<string, string>> => ({
  'no DBUS_SESSION_BUS_ADDRESS': { XDG_RUNTIME_DIR: root, HOME: root },
  'an address where nothing listens': {
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(root, 'nothing.sock')}`,
    XDG_RUNTIME_DIR: root,
    HOME: root,
  },
  'a bus without a Secret Service': { ...bare.env },
  'a bus that never answers': {
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${hangPath}`,
    XDG_RUNTIME_DIR: root,
    HOME: root,
  },
});

describe('keychain store on a real Secret Service', () => {
  it('round-trips, overwrites, deletes and lists two accounts, unicode and 4 KB values', async () => {
    const unicode = 'pässwörd – 密码 – 🔑';
    const big = randomBytes(3072).toString('base64'); // 4096 characters
    const r = await drive(service.env, config('keychain'), [
      { op: 'set', account: 'site:one', secret: 'first-secret' }, // 1
      { op: 'set', account: 'mailbox:two', secret: unicode }, // 2
      { op: 'get', account: 'site:one' }, // 3
      { op: 'get', account: 'mailbox:two' }, // 4
      { op: 'set', account: 'site:one', secret: 'first-secret-overwritten' }, // 5
      { op: 'get', account: 'site:one' }, // 6
      { op: 'list' }, // 7
      { op: 'set', account: 'site:big', secret: big }, // 8
      { op: 'get', account: 'site:big' }, // 9
      { op: 'delete', account: 'site:big' }, // 10
      { op: 'delete', account: 'site:big' }, // 11
      { op: 'get', account: 'site:big' }, // 12
      { op: 'get', account: 'site:never-set' }, // 13
      { op: 'list' }, // 14
    ]);
    expect(at(r, 0)).toMatchObject({
      kind: 'keychain',
      description: expect.stringContaining('org.freedesktop.secrets'),
    });
    expect(at(r, 0).reason).toContain('SITEDESK_SECRET_STORE=keychain');
    expect(r.results.filter((x) => x.error)).toEqual([]);
    expect(at(r, 3).value).toBe('first-secret');
    expect(at(r, 4).value).toBe(unicode);
    expect(at(r, 6).value).toBe('first-secret-overwritten');
    expect(at(r, 7).value).toEqual(['mailbox:two', 'site:one']);
    expect(at(r, 9).value).toBe(big);
    expect(at(r, 10).value).toBe(true);
    expect(at(r, 11).value).toBe(false);
    expect(at(r, 12).value).toBeUndefined();
    expect(at(r, 13).value).toBeUndefined();
    // The open-time probe cleaned up after itself.
    expect(at(r, 14).value).toEqual(['mailbox:two', 'site:one']);
    for (const step of r.results.slice(1)) expect(step.millis).toBeLessThan(NO_HANG_MS);
  });

  it('keeps a secret across a restart of gnome-keyring, and never falls back to the kernel keyring meanwhile', async () => {
    const secret = `persist-${randomBytes(8).toString('hex')}`;
    const written = await drive(service.env, config('keychain'), [
      { op: 'set', account: 'site:persist', secret },
    ]);
    expect(written.results.map((x) => x.error)).toEqual([undefined, undefined]);

    await service.stopKeyring();
    // With the Secret Service gone, the pinned store refuses (keyutils would have answered).
    const down = await drive(service.env, config('keychain'), [
      { op: 'get', account: 'site:persist' },
    ]);
    expect(at(down, 0).error?.code).toBe('secret_store_unavailable');
    expect(down.results).toHaveLength(1);

    await service.startKeyring();
    const read = await drive(service.env, config('keychain'), [
      { op: 'get', account: 'site:persist' },
      { op: 'delete', account: 'site:persist' },
    ]);
    expect(at(read, 1).value).toBe(secret);
    expect(at(read, 2).value).toBe(true);
    // It came from the keyring file on disk under the test HOME.
    const keyrings = join(service.home, '.local', 'share', 'keyrings');
    expect(await readdir(keyrings)).toContain('login.keyring');
  });

  it('an open store keeps working when gnome-keyring restarts under it', async () => {
    const ready = join(root, `ready-${randomBytes(4).toString('hex')}`);
    const go = `${ready}-go`;
    const running = drive(service.env, config('keychain'), [
      { op: 'set', account: 'site:live', secret: 'before-restart' }, // 1
      { op: 'get', account: 'site:live' }, // 2
      { op: 'touch', path: ready }, // 3
      { op: 'waitFor', path: go }, // 4: the keyring restarts meanwhile
      { op: 'get', account: 'site:live' }, // 5
      { op: 'set', account: 'site:live', secret: 'after-restart' }, // 6
      { op: 'get', account: 'site:live' }, // 7
      { op: 'delete', account: 'site:live' }, // 8
    ]);
    const deadline = Date.now() + 20_000;
    while (
      !(await stat(ready).then(
        () => true,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error('the driver never got ready');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await service.stopKeyring();
    await service.startKeyring();
    await writeFile(go, '');
    const r = await running;
    expect(r.results.filter((x) => x.error)).toEqual([]);
    expect(at(r, 2).value).toBe('before-restart');
    expect(at(r, 5).value).toBe('before-restart');
    expect(at(r, 7).value).toBe('after-restart');
    expect(at(r, 8).value).toBe(true);
  });

  it('auto picks the keychain when the Secret Service answers, with no warning', async () => {
    const cfg = config('auto');
    const r = await drive(service.env, cfg, [{ op: 'probe' }]);
    expect(at(r, 0)).toMatchObject({ kind: 'keychain' });
    expect(at(r, 0).warning).toBeUndefined();
    expect(at(r, 0).reason).toMatch(
      /^SITEDESK_SECRET_STORE=auto: the Secret Service .* answered a write\/read\/delete probe in [\d.]+ ms$/,
    );
    expect(at(r, 1).value).toMatchObject({ ok: true });
    // Nothing was written to the data folder.
    await expect(stat(cfg.dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('auto still picks the keychain over an empty encrypted file (one a doctor probe left)', async () => {
    const cfg = config('auto');
    const file = await openFileSecretStore(
      { dataDir: cfg.dataDir },
      { secrets: new SecretRegistry() },
    );
    await file.set('site:gone', 'short-lived');
    await file.delete('site:gone');
    const r = await drive(service.env, cfg, []);
    expect(at(r, 0)).toMatchObject({ kind: 'keychain' });
    expect(at(r, 0).warning).toBeUndefined();
  });
});

describe('keychain store without a Secret Service', () => {
  it('keychain: a clear secret_store_unavailable error at our timeout, not D-Bus’s, for each way of being absent', async () => {
    const cases = Object.entries(absent());
    const responses = await Promise.all(
      cases.map(async ([name, env]) => {
        const started = performance.now();
        // Only the hung bus needs the timeout; the others must fail fast on their own, so they get
        // a long one and the < 1 s below is what they really took.
        const timeout = name === 'a bus that never answers' ? 300 : 5000;
        const response = await drive(env, config('keychain', { keychainTimeoutMs: timeout }), [
          { op: 'list' },
        ]);
        return { name, response, wallMs: performance.now() - started };
      }),
    );
    for (const { name, response, wallMs } of responses) {
      const open = at(response, 0);
      expect(open.error, name).toMatchObject({
        name: 'SecretStoreError',
        code: 'secret_store_unavailable',
      });
      expect(open.error?.message, name).toMatch(
        /^SITEDESK_SECRET_STORE=keychain, but the Secret Service \(org\.freedesktop\.secrets over the D-Bus session bus\) (is not usable: .+|did not answer within 300 ms)\. On Linux/,
      );
      expect(open.error?.message, name).toContain('SITEDESK_SECRET_STORE=file');
      expect(open.millis, name).toBeLessThan(NO_HANG_MS);
      expect(response.results, name).toHaveLength(1); // no step ran on a store that is not there
      expect(wallMs, `${name}: the driver process ended (no hang)`).toBeLessThan(15_000);
    }
    const message = (name: string): string =>
      responses.find((r) => r.name === name)?.response.results[0]?.error?.message ?? '';
    expect(message('a bus that never answers')).toContain('did not answer within 300 ms');
    expect(message('no DBUS_SESSION_BUS_ADDRESS')).toContain('DBUS_SESSION_BUS_ADDRESS is not set');
    expect(message('an address where nothing listens')).toContain('nothing.sock');
    expect(message('a bus without a Secret Service')).toContain(
      'org.freedesktop.DBus.Error.ServiceUnknown',
    );
  });

  it('auto: falls back to the encrypted file, loudly, and the file store works', async () => {
    const env = absent();
    const runs = await Promise.all(
      (['no DBUS_SESSION_BUS_ADDRESS', 'a bus that never answers'] as const).map(async (name) => {
        const cfg = config('auto', { keychainTimeoutMs: 300 });
        const response = await drive(env[name] ?? {}, cfg, [
          { op: 'set', account: 'site:a', secret: 'fallback-secret' },
          { op: 'get', account: 'site:a' },
          { op: 'probe' },
        ]);
        return { name, cfg, response };
      }),
    );
    for (const { name, cfg, response } of runs) {
      const open = at(response, 0);
      expect(open.kind, name).toBe('file');
      expect(open.reason, name).toMatch(
        /^SITEDESK_SECRET_STORE=auto: no OS keychain answered \(.+\), so the encrypted file is used$/,
      );
      expect(open.warning, name).toContain(`encrypted file ${join(cfg.dataDir, 'secrets.enc')}`);
      expect(open.warning, name).toContain('whoever has that key file can read them');
      expect(open.warning, name).toContain(
        'SITEDESK_SECRET_STORE=keychain or SITEDESK_SECRET_STORE=file',
      );
      expect(open.millis, name).toBeLessThan(NO_HANG_MS);
      // The warning went to the log as a warn line, not only into the return value.
      expect(
        response.log.some(
          (line) =>
            (line as { level: number; msg: string }).level === 40 &&
            (line as { msg: string }).msg === open.warning,
        ),
        name,
      ).toBe(true);
      expect(at(response, 2).value, name).toBe('fallback-secret');
      expect(at(response, 3).value, name).toMatchObject({ ok: true });
      expect((await stat(join(cfg.dataDir, 'secrets.key'))).mode & 0o777, name).toBe(0o600);
    }
    expect(runs[1]?.response.results[0]?.reason).toContain('did not answer within 300 ms');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { sitedeskArgs } from '../../env/node-scripts.js';

// Starts the real `sitedesk serve` as a separate process (through tsx, so no build is needed)
// on a free loopback port, and talks to it over real HTTP.
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.pid && child.exitCode === null) child.kill('SIGKILL');
});

function startServe(
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; logs: string[]; stderr: string[] }> {
  const proc = spawn(process.execPath, sitedeskArgs('serve', '--port', '0'), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const logs: string[] = [];
  const stderr: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not start:\n${logs.join('\n')}`)),
      // tsx compiles the whole CLI first: seconds, more on a busy 2-core machine.
      60_000,
    );
    proc.once('exit', (code) =>
      reject(new Error(`serve exited with ${code}:\n${logs.join('\n')}`)),
    );
    // stderr is for people (the set-up token); stdout holds the JSON log lines.
    createInterface({ input: proc.stderr! }).on('line', (line) => stderr.push(line));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      logs.push(line);
      const entry = JSON.parse(line) as { url?: string };
      if (entry.url) {
        clearTimeout(timer);
        resolve({ url: entry.url, logs, stderr });
      }
    });
  });
}

describe('sitedesk serve', () => {
  it('answers GET /health with its version and what the instance is, warns about the file fallback, stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-serve-'));
    // No D-Bus session: auto must fall back to the encrypted file, loudly.
    const { url, logs, stderr } = await startServe({
      SITEDESK_DATA_DIR: dataDir,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    // Where secrets are kept is for administrators (GET /api/v1/system), not anonymous callers;
    // the kind of database, the queue and the role are for the load balancer (issue 22).
    expect(Object.keys(body).sort()).toEqual(['database', 'queue', 'role', 'status', 'version']);
    expect(body).toMatchObject({ database: 'sqlite', queue: null, role: 'api+worker' });
    const warnings = logs
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level === 40);
    expect(
      warnings.some(
        (w) => w.msg.includes('encrypted file') && w.msg.includes('SITEDESK_SECRET_STORE='),
      ),
    ).toBe(true);

    // The API is mounted on the database in the data folder; no account yet, so a one-time
    // set-up token is printed for people (stderr) and kept out of the JSON log.
    expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
    const token = /^\s+(\S{10,})$/.exec(stderr.find((l) => /^\s+\S{10,}$/.test(l)) ?? '')?.[1];
    expect(stderr.join('\n')).toContain('one-time set-up token');
    expect(token).toBeDefined();
    expect(logs.join('\n')).not.toContain(token);
    expect(logs.some((l) => l.includes('runner and scheduler started'))).toBe(true);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('behind an HTTPS proxy: trusts the proxy it is told to (Secure cookie) and answers the CORS origins it is given', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sitedesk-serve-proxy-'));
    const { url, stderr } = await startServe({
      SITEDESK_DATA_DIR: dataDir,
      SITEDESK_SECRET_STORE: 'memory',
      SITEDESK_TRUST_PROXY: 'loopback',
      SITEDESK_CORS_ORIGINS: 'https://intranet.example, https://other.example',
    });
    const token = /^\s+(\S{10,})$/.exec(stderr.find((l) => /^\s+\S{10,}$/.test(l)) ?? '')?.[1];
    // What a proxy terminating HTTPS in front of sitedesk sends on.
    const setup = await fetch(`${url}/api/v1/setup`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-proto': 'https',
        origin: `https://${new URL(url).host}`,
      },
      body: JSON.stringify({ token, username: 'anna', password: 'a long enough password 1' }),
    });
    expect(setup.status).toBe(201);
    const cookies = setup.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);

    const preflight = await fetch(`${url}/api/v1/tasks`, {
      method: 'OPTIONS',
      headers: { origin: 'https://intranet.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://intranet.example');
    const stranger = await fetch(`${url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('says which port is taken and what to set when its port is in use (exit code 3)', async () => {
    // Occupies a loopback port the way another program would.
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const proc = spawn(process.execPath, sitedeskArgs('serve', '--port', String(port)), {
        env: {
          ...process.env,
          SITEDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'sitedesk-serve-port-')),
          SITEDESK_HOST: '127.0.0.1',
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let stderr = '';
      proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      proc.stdout?.resume();
      const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
      expect(code).toBe(3);
      expect(stderr).toContain(`sitedesk serve: port ${port} is in use on 127.0.0.1`);
      expect(stderr).toContain('set SITEDESK_PORT (or --port) to a free port');
      expect(stderr).not.toContain('This is a bug');
      expect(stderr).not.toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

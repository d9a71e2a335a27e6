/**
 * What a person sees when a git site is set up wrong or its server misbehaves: each failure
 * is a clear, coded error in seconds (never a hang), and the other settings work as said.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitConnector } from '../../../src/connectors/git/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { commitSubjects, fileOnMain } from '../../env/git/other-clone.js';
import { post, startHarness, type Harness } from './harness.js';

describe('git connector: failures and options', () => {
  let h: Harness;
  let silent: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    h = await startHarness();
    // A server that accepts connections and never answers: git must time out, not hang.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await h.stop();
  });

  const TOKEN = 'tok-3f9a1c77e2b4d5a6';

  async function connectorFor(repoUrl: string, timeoutSeconds: number) {
    const secrets = createMemorySecretStore();
    await secrets.set('site:broken', TOKEN);
    return createGitConnector(
      {
        id: 'broken',
        url: 'https://broken.example.test',
        settings: {
          repoUrl,
          generator: 'hugo',
          author: { name: 'T', email: 't@example.test' },
          timeoutSeconds,
        },
      },
      { secrets, logger: createSilentLogger(), clock: systemClock, dataDir: h.dataDir },
    );
  }

  /** Command lines of this test process's descendants (Linux /proc). */
  async function childCommandLines(): Promise<string[]> {
    const parents = new Map<number, number>();
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    }
    const mine = (pid: number): boolean => {
      for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
        if (p === process.pid) return true;
      return false;
    };
    const lines = [];
    for (const pid of parents.keys()) {
      if (mine(pid))
        lines.push(
          (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' '),
        );
    }
    return lines;
  }

  it('times out against a server that never answers, with the token on no command line', async () => {
    const { port } = silent.address() as AddressInfo;
    const connector = await connectorFor(`http://127.0.0.1:${port}/site.git`, 1);
    const started = Date.now();
    const publishing = connector.publish(post('x')).catch((error: unknown) => error);
    while (sockets.size === 0 && Date.now() - started < 3_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const commandLines = await childCommandLines();
    expect(commandLines.some((line) => line.includes('clone'))).toBe(true);
    expect(commandLines.join('\n')).not.toContain(TOKEN);
    expect(commandLines.join('\n')).not.toContain(
      Buffer.from(`x-access-token:${TOKEN}`).toString('base64'),
    );
    expect(await publishing).toMatchObject({ code: 'git_timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says so when no token is stored, before asking the server', async () => {
    const connector = createGitConnector(
      {
        id: 'tokenless',
        url: 'https://tokenless.example.test',
        settings: {
          repoUrl: `${h.server.url}/none.git`,
          generator: 'hugo',
          author: { name: 'T', email: 't@example.test' },
        },
      },
      {
        secrets: createMemorySecretStore(),
        logger: createSilentLogger(),
        clock: systemClock,
        dataDir: h.dataDir,
      },
    );
    const before = h.server.requests.length;
    await expect(connector.publish(post('x'))).rejects.toMatchObject({
      code: 'git_auth_failed',
      message: expect.stringContaining('site:tokenless'),
    });
    expect(h.server.requests.length).toBe(before);
    expect((await connector.verify()).cause).toMatchObject({ code: 'git_auth_failed' });
  });

  it('runs SSH in batch mode with the configured key, and names a refused key', async () => {
    // No SSH server runs in the test environment, so a stand-in `ssh` first on PATH records
    // how git calls it and refuses the key the way OpenSSH does.
    const bin = join(h.dataDir, 'fake-ssh-bin');
    const log = join(bin, 'ssh-args.txt');
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'ssh'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\necho 'git@example.invalid: Permission denied (publickey).' >&2\nexit 255\n`,
      { mode: 0o755 },
    );
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path ?? ''}`;
    try {
      const connector = createGitConnector(
        {
          id: 'over-ssh',
          url: 'https://ssh.example.test',
          settings: {
            repoUrl: 'ssh://git@example.invalid/site.git',
            sshKeyPath: '/etc/sitedesk/keys/site',
            generator: 'hugo',
            author: { name: 'T', email: 't@example.test' },
          },
        },
        {
          secrets: createMemorySecretStore(),
          logger: createSilentLogger(),
          clock: systemClock,
          dataDir: h.dataDir,
        },
      );
      await expect(connector.publish(post('x'))).rejects.toMatchObject({
        code: 'git_auth_failed',
        message: expect.stringMatching(/SSH key was refused/),
      });
    } finally {
      process.env.PATH = path;
    }
    const args = (await readFile(log, 'utf8')).trim().split('\n');
    expect(args).toEqual(
      expect.arrayContaining([
        'BatchMode=yes',
        '-i',
        '/etc/sitedesk/keys/site',
        'IdentitiesOnly=yes',
        'git@example.invalid',
      ]),
    );
    expect(args.join(' ')).toContain("git-upload-pack '/site.git'");
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const connector = await connectorFor('http://127.0.0.1:1/site.git', 10);
    await expect(connector.publish(post('x'))).rejects.toMatchObject({
      code: 'git_unreachable',
      retryable: true,
    });
  });

  it('verify() names a missing branch', async () => {
    const { connector } = await h.site('no-branch', 'hugo', { branch: 'live' });
    const result = await connector.verify();
    expect(result).toMatchObject({ ok: false, cause: { code: 'git_branch_missing' } });
    expect(result.cause?.fix).toMatch(/settings\.branch/);
  });

  it('verify() runs the optional build command and reports its failure', async () => {
    const out = join(h.dataDir, 'hugo-out');
    const cache = join(h.dataDir, 'hugo-cache');
    const { connector } = await h.site('builds', 'hugo', {
      buildCommand: ['hugo', '--quiet', '--cacheDir', cache, '-d', out],
    });
    const ok = await connector.verify();
    expect(ok.checks.at(-1)).toMatchObject({ name: 'build', ok: true });
    expect(ok.ok).toBe(true);
    const { connector: broken } = await h.site('no-build', 'hugo', {
      buildCommand: ['hugo', '--no-such-flag'],
    });
    const bad = await broken.verify();
    expect(bad).toMatchObject({ ok: false, cause: { code: 'git_build_failed' } });
    expect(bad.cause?.message).toMatch(/exit/);
  });

  it('deletes on unpublish when the site says so, and deletes and uploads on request', async () => {
    const { connector, repoPath } = await h.site('deleting', 'hugo', { unpublish: 'delete' });
    const published = await connector.publish(post('short-lived'));
    await connector.unpublish({ remoteId: published.remoteId, kind: 'post' });
    expect(await fileOnMain(repoPath, published.remoteId)).toBeUndefined();
    expect((await commitSubjects(repoPath))[0]).toBe('sitedesk: unpublish "Title of short-lived"');
    await connector.delete({ remoteId: 'content/posts/welcome.md', kind: 'post' });
    expect(await fileOnMain(repoPath, 'content/posts/welcome.md')).toBeUndefined();
    const media = await connector.uploadMedia({
      filename: 'menu.pdf',
      contentType: 'application/pdf',
      data: Buffer.from('%PDF-1.4 test'),
    });
    expect(media.url).toBe('/images/uploads/menu.pdf');
    expect(await fileOnMain(repoPath, 'static/images/uploads/menu.pdf')).toBe('%PDF-1.4 test');
  });

  it('commits a future post future-dated when the site chooses that', async () => {
    const { connector, repoPath } = await h.site('future', 'hugo', { scheduling: 'future-dated' });
    expect(connector.capabilities.has('nativeScheduling')).toBe(true);
    const at = new Date(Date.now() + 7 * 86_400_000);
    at.setUTCMilliseconds(0);
    const result = await connector.publish(post('next-week'), {
      status: 'scheduled',
      publishAt: at,
    });
    expect(result.status).toBe('scheduled');
    const text = (await fileOnMain(repoPath, 'content/posts/next-week.md')) ?? '';
    expect(text).toContain(`date: ${at.toISOString().replace('.000Z', 'Z')}`);
    expect(text).toMatch(/^draft: false$/m);
  });
});

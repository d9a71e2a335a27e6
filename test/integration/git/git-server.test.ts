import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';

const run = promisify(execFile);

/** git with the token passed the way the connector passes it: by environment, not argv. */
function git(args: string[], token: string, cwd?: string) {
  const header = `Authorization: Basic ${Buffer.from(`sitedesk:${token}`).toString('base64')}`;
  return run('git', args, {
    cwd,
    timeout: 30_000,
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraHeader',
      GIT_CONFIG_VALUE_0: header,
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.test',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.test',
    },
  });
}

describe('test/env/git server', () => {
  let server: GitServer;
  let work: string;

  beforeAll(async () => {
    server = await startGitServer();
    work = await mkdtemp(join(tmpdir(), 'sitedesk-git-server-test-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('serves a repository created from a folder, and accepts a chunked push', async () => {
    const source = join(work, 'src');
    await run('mkdir', ['-p', source]);
    await writeFile(join(source, 'hello.md'), 'hello\n');
    const repo = await server.createRepo('site', source);
    const clone = join(work, 'clone');
    await git(['clone', '--quiet', repo.url, clone], server.token);
    expect(await readFile(join(clone, 'hello.md'), 'utf8')).toBe('hello\n');

    // 300 KB of random bytes is more than http.postBuffer's floor (64 KB): git sends it chunked.
    await writeFile(join(clone, 'big.bin'), randomBytes(300_000));
    await git(['add', 'big.bin'], server.token, clone);
    await git(['commit', '--quiet', '-m', 'big'], server.token, clone);
    await git(
      ['-c', 'http.postBuffer=65536', 'push', '--quiet', 'origin', 'main'],
      server.token,
      clone,
    );

    const pushes = server.requests.filter(
      (r) => r.method === 'POST' && r.service === 'git-receive-pack',
    );
    expect(pushes.some((r) => r.chunked && r.status === 200)).toBe(true);
    const { stdout } = await run('git', ['--git-dir', repo.path, 'log', '--format=%s', 'main']);
    expect(stdout.trim().split('\n')).toEqual(['big', 'fixture site']);
  });

  it('refuses a wrong token with 401, and git fails fast without prompting', async () => {
    const repo = await server.createRepo('private');
    const started = Date.now();
    const failure = await git(['ls-remote', repo.url], 'wrong-token').then(
      () => undefined,
      (error: { stderr?: string }) => error,
    );
    expect(failure?.stderr ?? '').toMatch(/could not read Username|Authentication failed/);
    // No prompt for a password (which would wait until the test's timeout); seconds on a busy machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(server.requests.some((r) => r.status === 401)).toBe(true);
  });
});

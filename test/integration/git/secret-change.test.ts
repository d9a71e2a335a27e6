// A git access token revoked and replaced while sitedesk runs (issue 17): the new one, stored
// in the secret store, is used at the next attempt — no restart, no stale connector. Real git
// server (git http-backend behind Basic auth), real runner, the connector cache the service uses.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../env/git/git-server.js';
import { startOneSiteRunner, type OneSiteRunner } from '../one-site-runner.js';
import { fixtureSite } from './harness.js';

const run = promisify(execFile);
let server: GitServer;
let repoPath: string;
let pipeline: OneSiteRunner;

beforeAll(async () => {
  server = await startGitServer();
  const repo = await server.createRepo('bakery', fixtureSite('hugo'));
  repoPath = repo.path;
  pipeline = await startOneSiteRunner({
    kind: 'git',
    url: 'https://bakery.example.test',
    settings: {
      repoUrl: repo.url,
      generator: 'hugo',
      author: { name: 'Sitedesk Test', email: 'sitedesk@example.test' },
      timeoutSeconds: 20,
    },
    secret: server.token,
  });
}, 120_000);
afterAll(async () => {
  await pipeline?.close();
  await server?.stop();
});

/** How many commits on main add or change a file named after `slug`. */
async function commitsFor(slug: string): Promise<number> {
  const { stdout } = await run('git', [
    '-C',
    repoPath,
    'log',
    '--format=%H',
    'main',
    '--',
    `*${slug}*`,
  ]);
  return stdout.split('\n').filter(Boolean).length;
}

describe('a git token replaced while sitedesk runs', () => {
  it('is used at the next attempt: pushed once, without a restart', async () => {
    expect(await pipeline.publish('before-change')).toMatchObject({ state: 'published' });
    const fresh = server.replaceToken();
    const refused = await pipeline.publish('after-change');
    expect(refused).toMatchObject({ state: 'failed' });
    expect(refused?.lastError).toMatch(/401|token|credential|authenticat/i);
    expect(await commitsFor('after-change')).toBe(0);
    // Stored the way the web app, the API and the CLI store it.
    await pipeline.secrets.set(`site:${pipeline.siteId}`, fresh);
    expect(await pipeline.retry(refused)).toMatchObject({ state: 'published' });
    expect(await commitsFor('after-change')).toBe(1);
    expect(await commitsFor('before-change')).toBe(1);
  });
});

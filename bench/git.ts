/**
 * `npm run bench:git` (issue 5): in a repository with 20,000 content files, publish 20 posts
 * through sitedesk's git connector and the same 20 with raw git (write, add, commit, push),
 * interleaved, each against its own copy of the repository on the test git server (HTTP +
 * Basic auth). Prints medians and the ratio, and shows that no publish clones: the warm
 * clone's .git folder is the same folder afterwards, and the server sent only a few KB of
 * pack data during the publishes (a clone would send the whole repository).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createGitConnector } from '../src/connectors/git/connector.js';
import { createMemorySecretStore } from '../src/secrets/memory-store.js';
import { systemClock } from '../src/shared/clock.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { startGitServer, type GitServer } from '../test/env/git/git-server.js';

const run = promisify(execFile);
const FILES = Number(process.env.BENCH_FILES ?? 20_000);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 20);

/** Fills bare `repo` with FILES posts in one commit via git fast-import (seconds, not minutes). */
async function fillRepo(repo: string): Promise<void> {
  const child = spawn('git', ['--git-dir', repo, 'fast-import', '--quiet'], {
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`fast-import exit ${code}`)),
    ),
  );
  const write = (text: string | Buffer) =>
    child.stdin.write(text)
      ? Promise.resolve()
      : new Promise<void>((r) => child.stdin.once('drain', () => r()));
  const message = 'twenty thousand posts';
  await write(
    `commit refs/heads/main\ncommitter Bench <bench@example.test> 1700000000 +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`,
  );
  await write(`M 100644 inline config.toml\ndata 40\nbaseURL = "https://bench.example.test/"\n\n`);
  for (let i = 0; i < FILES; i++) {
    const id = String(i).padStart(5, '0');
    const body = Buffer.from(
      `---\ntitle: "Post ${id}"\ndate: 2023-01-01T00:00:00Z\ndraft: false\n---\n\nThis is post number ${id}.\n`,
    );
    await write(`M 100644 inline content/posts/post-${id}.md\ndata ${body.length}\n`);
    await write(Buffer.concat([body, Buffer.from('\n')]));
  }
  child.stdin.end();
  await done;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** git for the raw side, with the token passed the same way (environment, not argv). */
function rawGit(server: GitServer, dir: string) {
  const header = `Authorization: Basic ${Buffer.from(`bench:${server.token}`).toString('base64')}`;
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraHeader',
    GIT_CONFIG_VALUE_0: header,
    GIT_AUTHOR_NAME: 'Raw',
    GIT_AUTHOR_EMAIL: 'raw@example.test',
    GIT_COMMITTER_NAME: 'Raw',
    GIT_COMMITTER_EMAIL: 'raw@example.test',
  };
  return (args: string[]) => run('git', args, { cwd: dir, env, maxBuffer: 64 << 20 });
}

async function main(): Promise<void> {
  const server = await startGitServer();
  const work = await mkdtemp(join(tmpdir(), 'sitedesk-bench-git-'));
  try {
    let t = performance.now();
    const sitedeskRepo = await server.createRepo('bench-sitedesk');
    await fillRepo(sitedeskRepo.path);
    const rawRepo = await server.createRepo('bench-raw');
    await fillRepo(rawRepo.path);
    const packBytes = (await run('du', ['-sb', sitedeskRepo.path])).stdout.split('\t')[0];
    console.log(
      `repositories: ${FILES} content files each, made in ${((performance.now() - t) / 1000).toFixed(1)} s (bare repo ${packBytes} bytes)`,
    );

    const secrets = createMemorySecretStore();
    await secrets.set('site:bench', server.token);
    const connector = createGitConnector(
      {
        id: 'bench',
        url: 'https://bench.example.test',
        settings: {
          repoUrl: sitedeskRepo.url,
          generator: 'hugo',
          author: { name: 'Sitedesk', email: 'sitedesk@example.test' },
        },
      },
      { secrets, logger: createSilentLogger(), clock: systemClock, dataDir: join(work, 'data') },
    );
    const rawDir = join(work, 'raw');
    t = performance.now();
    await run('git', ['clone', '--quiet', '--branch', 'main', '--', rawRepo.path, rawDir]);
    await rawGit(server, rawDir)(['remote', 'set-url', 'origin', rawRepo.url]);
    const rawClone = performance.now() - t;
    t = performance.now();
    const check = await connector.verify(); // makes the warm clone, once
    const warmClone = performance.now() - t;
    if (!check.ok) throw new Error(`verify failed: ${JSON.stringify(check.cause)}`);
    console.log(
      `one-time clones: sitedesk warm clone (in verify) ${warmClone.toFixed(0)} ms, raw clone ${rawClone.toFixed(0)} ms`,
    );

    const git = rawGit(server, rawDir);
    // Two unmeasured publishes per side first: both start warm (file caches, module loading).
    for (let i = 0; i < 2; i++) {
      await connector.publish({
        id: `w${i}`,
        kind: 'post',
        slug: `warm-up-${i}`,
        title: `Warm ${i}`,
        markdown: 'Warm.',
      });
      const file = join('content', 'posts', `warm-up-${i}.md`);
      await writeFile(join(rawDir, file), `---\ntitle: Warm ${i}\n---\n\nWarm.\n`);
      await git(['add', '--', file]);
      await git(['commit', '--quiet', '-m', `raw: warm ${i}`]);
      await git(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    }

    const gitDirBefore = await stat(join(connector.cloneDir, '.git'));
    const requestsBefore = server.requests.length;
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < PUBLISHES; i++) {
      const slug = `bench-post-${i}`;
      const markdown = `Benchmark post ${i}: **fresh** bread at seven.`;
      t = performance.now();
      await connector.publish(
        { id: `b${i}`, kind: 'post', slug, title: `Bench ${i}`, markdown },
        { taskId: `bench-${i}` },
      );
      ours.push(performance.now() - t);

      t = performance.now();
      const file = join('content', 'posts', `${slug}.md`);
      await writeFile(
        join(rawDir, file),
        `---\ntitle: Bench ${i}\ndate: ${new Date().toISOString()}\ndraft: false\n---\n\n${markdown}\n`,
      );
      await git(['add', '--', file]);
      await git(['commit', '--quiet', '-m', `raw: publish "Bench ${i}"`]);
      await git(['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
      raw.push(performance.now() - t);
    }
    const gitDirAfter = await stat(join(connector.cloneDir, '.git'));
    const during = server.requests
      .slice(requestsBefore)
      .filter((r) => r.path.startsWith('/bench-sitedesk.git'));
    const uploadPackBytes = during
      .filter((r) => r.service === 'git-upload-pack')
      .reduce((sum, r) => sum + r.bytesOut, 0);
    const uploadPackRequests = during.filter((r) => r.service === 'git-upload-pack');
    const uploadPackPosts = uploadPackRequests.filter((r) => r.method === 'POST').length;

    const mOurs = median(ours);
    const mRaw = median(raw);
    console.log(
      `publishes: ${PUBLISHES} each, interleaved (after 2 unmeasured warm-up publishes each)`,
    );
    console.log(
      `sitedesk publish  median ${mOurs.toFixed(1)} ms  (min ${Math.min(...ours).toFixed(1)}, max ${Math.max(...ours).toFixed(1)})`,
    );
    console.log(
      `raw git publish   median ${mRaw.toFixed(1)} ms  (min ${Math.min(...raw).toFixed(1)}, max ${Math.max(...raw).toFixed(1)})`,
    );
    console.log(`ratio sitedesk/raw: ${(mOurs / mRaw).toFixed(2)}x (target <= 1.2x)`);
    console.log(
      `no publish clones: warm clone .git inode ${gitDirBefore.ino} before, ${gitDirAfter.ino} after (${gitDirBefore.ino === gitDirAfter.ino ? 'same folder' : 'CHANGED'}); ` +
        `upload-pack answered ${uploadPackRequests.length} requests (${uploadPackPosts} pack POSTs) with ${uploadPackBytes} bytes in all during ${PUBLISHES} publishes (the repository is ${packBytes} bytes)`,
    );
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

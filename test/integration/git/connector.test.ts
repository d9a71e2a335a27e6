import { execFile } from 'node:child_process';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitConnector, type GitConnector } from '../../../src/connectors/git/connector.js';
import { createMemorySecretStore } from '../../../src/secrets/memory-store.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { commitSubjects, fileOnMain, pushFromOtherClone } from '../../env/git/other-clone.js';
import { post, startHarness, type Harness } from './harness.js';

const run = promisify(execFile);

/** Lines that differ between two texts of the same line count. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.filter((line, i) => line !== a[i]);
}

async function cloneState(
  connector: GitConnector,
): Promise<{ status: string; head: string; remote: string }> {
  const git = (args: string[]) =>
    run('git', ['-C', connector.cloneDir, ...args]).then((r) => r.stdout.trim());
  return {
    status: await git(['status', '--porcelain']),
    head: await git(['rev-parse', 'HEAD']),
    remote: await git(['rev-parse', 'refs/remotes/origin/main']),
  };
}

describe('git connector against a real git server (Hugo sample site)', () => {
  let h: Harness;
  let connector: GitConnector;
  let repoPath: string;

  beforeAll(async () => {
    h = await startHarness();
    ({ connector, repoPath } = await h.site('bakery', 'hugo', {
      regionDirs: ['layouts/partials'],
    }));
  });
  afterAll(async () => h.stop());

  it('verify() passes every check with the right token', async () => {
    const result = await connector.verify();
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.name)).toEqual(['remote', 'branch', 'push', 'folders']);
  });

  it('publishes once, commits with the agreed message and author, and is idempotent', async () => {
    const item = post('fresh-bread', { tags: ['bread'], excerpt: 'Warm.' });
    const first = await connector.publish(item, { taskId: 'T-17' });
    expect(first).toMatchObject({
      remoteId: 'content/posts/fresh-bread.md',
      url: 'https://bakery.example.test/posts/fresh-bread/',
      status: 'published',
      created: true,
    });
    const second = await connector.publish(item, { taskId: 'T-17', remoteId: first.remoteId });
    expect(second.created).toBe(false);
    const subjects = await commitSubjects(repoPath);
    expect(subjects.filter((s) => s.includes('fresh-bread'))).toEqual([
      'sitedesk: publish "Title of fresh-bread" (task T-17)',
    ]);
    const { stdout } = await run('git', [
      '--git-dir',
      repoPath,
      'log',
      '-1',
      '--format=%an <%ae>',
      'main',
    ]);
    expect(stdout.trim()).toBe('Sitedesk Test <sitedesk@example.test>');
  });

  it('commits Markdown with unsafe raw HTML made safe, the rest as written', async () => {
    const markdown =
      'Soup **today** <b onclick="steal()">hot</b>.\n\n<script>alert(1)</script>\n\n' +
      'Call [us](javascript:alert(2)) or see `<script>` in code.';
    const done = await connector.publish(post('safe-soup', { markdown }), {});
    const text = await fileOnMain(repoPath, done.remoteId);
    expect(text).toContain('Soup **today** <b>hot</b>.\n\n\n\nCall us or see `<script>` in code.');
    expect(text).not.toMatch(/onclick|alert\(|javascript:/);
  });

  it('keeps the token out of the remote URL, .git/config and commits', async () => {
    const config = await readFile(join(connector.cloneDir, '.git', 'config'), 'utf8');
    expect(config).not.toContain(h.server.token);
    expect(config).not.toMatch(/extraheader|Authorization/i);
    expect(config).toMatch(/url = http:\/\/127\.0\.0\.1:\d+\/bakery\.git/);
    const { stdout } = await run('git', ['--git-dir', repoPath, 'log', '-p', 'main'], {
      maxBuffer: 16 << 20,
    });
    expect(stdout).not.toContain(h.server.token);
    expect(stdout).not.toContain(
      Buffer.from(`x-access-token:${h.server.token}`).toString('base64'),
    );
  });

  it('updates an existing hand-written post, changing only the changed lines', async () => {
    const before = (await fileOnMain(repoPath, 'content/posts/welcome.md')) ?? '';
    await connector.publish(
      post('welcome', {
        title: 'Welcome to our new bakery',
        markdown: "We bake **every morning** from six o'clock.",
      }),
    );
    const after = (await fileOnMain(repoPath, 'content/posts/welcome.md')) ?? '';
    expect(changedLines(before, after)).toEqual(['title: "Welcome to our new bakery"']);
  });

  it('publishes a batch as one commit', async () => {
    const count = (await commitSubjects(repoPath)).length;
    const results = await connector.publishMany([
      { item: post('batch-a') },
      { item: post('batch-b'), options: { taskId: 'T-9' } },
    ]);
    expect(results.map((r) => r.remoteId)).toEqual([
      'content/posts/batch-a.md',
      'content/posts/batch-b.md',
    ]);
    const subjects = await commitSubjects(repoPath);
    expect(subjects.length).toBe(count + 1);
    expect(subjects[0]).toBe('sitedesk: publish "Title of batch-a", "Title of batch-b" (task T-9)');
  });

  it('fetches and rebases when someone pushed in between, keeping both commits', async () => {
    h.server.beforeNextPush(() =>
      pushFromOtherClone(
        repoPath,
        (dir) =>
          writeFile(join(dir, 'content', 'posts', 'by-hand.md'), '---\ntitle: By hand\n---\nHi\n'),
        'hand edit',
      ),
    );
    const result = await connector.publish(post('after-race'));
    expect(result.created).toBe(true);
    const subjects = await commitSubjects(repoPath);
    expect(subjects.slice(0, 2)).toEqual(['sitedesk: publish "Title of after-race"', 'hand edit']);
    const { stdout } = await run('git', [
      '--git-dir',
      repoPath,
      'rev-list',
      '--merges',
      '--count',
      'main',
    ]);
    expect(stdout.trim()).toBe('0');
  });

  it('fails a real conflict clearly and leaves the clone clean', async () => {
    h.server.beforeNextPush(() =>
      pushFromOtherClone(
        repoPath,
        async (dir) => {
          const file = join(dir, 'content', 'posts', 'welcome.md');
          await writeFile(
            file,
            (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: "Edited by hand"'),
          );
        },
        'hand title',
      ),
    );
    const failure = await connector
      .publish(post('welcome', { title: 'Sitedesk title' }))
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'git_conflict' });
    expect(String((failure as Error).message)).toContain('content/posts/welcome.md');
    const state = await cloneState(connector);
    expect(state.status).toBe('');
    expect(state.head).toBe(state.remote);
    expect(await fileOnMain(repoPath, 'content/posts/welcome.md')).toContain(
      'title: "Edited by hand"',
    );
    // The next publish works normally.
    await expect(connector.publish(post('after-conflict'))).resolves.toMatchObject({
      created: true,
    });
  });

  it('rejects path traversal, option-like slugs and symlinks out of the repository', async () => {
    for (const slug of ['../evil', '-rf', '--upload-pack=touch', 'UPPER', 'a/b']) {
      await expect(connector.publish(post(slug))).rejects.toMatchObject({
        code: 'validation_failed',
      });
    }
    await expect(
      connector.unpublish({ remoteId: '../../etc/passwd', kind: 'post' }),
    ).rejects.toMatchObject({ code: 'git_path_unsafe' });
    await expect(
      connector.unpublish({ remoteId: 'content/posts/-x.md', kind: 'post' }),
    ).rejects.toMatchObject({ code: 'git_path_unsafe' });
    await expect(
      connector.updateRegion({ remoteId: '/etc/passwd', kind: 'page' }, 'x', 'y'),
    ).rejects.toMatchObject({ code: 'git_path_unsafe' });
    await pushFromOtherClone(
      repoPath,
      async (dir) => {
        await symlink('/etc', join(dir, 'content', 'posts', 'escape'));
        await symlink('/etc/hostname', join(dir, 'content', 'posts', 'linked.md'));
      },
      'symlinks',
    );
    await expect(
      connector.updateRegion(
        { remoteId: 'content/posts/escape/hostname.md', kind: 'page' },
        'x',
        'y',
      ),
    ).rejects.toMatchObject({ code: 'git_path_unsafe' });
    await expect(connector.publish(post('linked'))).rejects.toMatchObject({
      code: 'git_path_unsafe',
    });
    expect((await cloneState(connector)).status).toBe('');
  });

  it('updates a region in a page and a key in a data file, nothing else', async () => {
    const contact = (await fileOnMain(repoPath, 'content/contact.md')) ?? '';
    await connector.updateRegion(
      { remoteId: 'content/contact.md', kind: 'page' },
      'notice',
      'Closed on **Monday**.',
    );
    expect(await fileOnMain(repoPath, 'content/contact.md')).toBe(
      contact.replace('No notice today.', 'Closed on **Monday**.'),
    );
    const hours = (await fileOnMain(repoPath, 'data/hours.yaml')) ?? '';
    await connector.updateRegion(
      { remoteId: 'data/hours.yaml', kind: 'page' },
      'monday',
      '8:00-16:00',
    );
    expect(await fileOnMain(repoPath, 'data/hours.yaml')).toBe(
      hours.replace('"7:00-18:00"', '"8:00-16:00"'),
    );
    // A partial in a folder the site allows for regions; other layouts stay off limits.
    const partial = (await fileOnMain(repoPath, 'layouts/partials/notice.html')) ?? '';
    await connector.updateRegion(
      { remoteId: 'layouts/partials/notice.html', kind: 'page' },
      'banner',
      '<strong>Fresh bread</strong>',
    );
    expect(await fileOnMain(repoPath, 'layouts/partials/notice.html')).toBe(
      partial.replace('Nothing new.', '<strong>Fresh bread</strong>'),
    );
    await expect(
      connector.updateRegion({ remoteId: 'layouts/_default/baseof.html', kind: 'page' }, 'x', 'y'),
    ).rejects.toMatchObject({ code: 'git_path_unsafe' });
  });

  it('unpublishes with the draft flag, once', async () => {
    const count = (await commitSubjects(repoPath)).length;
    await connector.unpublish({ remoteId: 'content/posts/batch-a.md', kind: 'post' });
    await connector.unpublish({ remoteId: 'content/posts/batch-a.md', kind: 'post' });
    expect(await fileOnMain(repoPath, 'content/posts/batch-a.md')).toMatch(/^draft: true$/m);
    expect((await commitSubjects(repoPath)).length).toBe(count + 1);
  });

  it('holds a future post: reports scheduled and commits nothing', async () => {
    const count = (await commitSubjects(repoPath)).length;
    const result = await connector.publish(
      post('later', { startsAt: new Date(Date.now() + 86_400_000) }),
    );
    expect(result).toMatchObject({ status: 'scheduled', remoteId: 'content/posts/later.md' });
    expect((await commitSubjects(repoPath)).length).toBe(count);
    expect(connector.scheduling).toBe('hold');
    expect(connector.capabilities.has('nativeScheduling')).toBe(false);
  });

  it('lets two connectors of the same site publish at once without colliding in the clone', async () => {
    const secrets = createMemorySecretStore();
    await secrets.set('site:bakery', h.server.token);
    const twin = createGitConnector(
      {
        id: 'bakery',
        url: 'https://bakery.example.test',
        settings: {
          repoUrl: `${h.server.url}/bakery.git`,
          generator: 'hugo',
          author: { name: 'Sitedesk Test', email: 'sitedesk@example.test' },
        },
      },
      { secrets, logger: createSilentLogger(), clock: systemClock, dataDir: h.dataDir },
    );
    expect(twin.cloneDir).toBe(connector.cloneDir);
    const results = await Promise.all([
      connector.publish(post('twin-a')),
      twin.publish(post('twin-b')),
      connector.publish(post('twin-c')),
    ]);
    expect(results.map((r) => r.created)).toEqual([true, true, true]);
    const subjects = await commitSubjects(repoPath);
    expect(subjects.slice(0, 3).sort()).toEqual([
      'sitedesk: publish "Title of twin-a"',
      'sitedesk: publish "Title of twin-b"',
      'sitedesk: publish "Title of twin-c"',
    ]);
  });

  it('re-clones a damaged clone', async () => {
    await rm(join(connector.cloneDir, '.git', 'HEAD'));
    await expect(connector.publish(post('after-damage'))).resolves.toMatchObject({ created: true });
    expect(await fileOnMain(repoPath, 'content/posts/after-damage.md')).toContain(
      'Title of after-damage',
    );
  });

  it('fails fast and clearly with a wrong token', async () => {
    const { connector: wrong } = await h.site('wrong-token', 'hugo', {}, 'not-the-token');
    const started = Date.now();
    await expect(wrong.publish(post('nope'))).rejects.toMatchObject({
      code: 'git_auth_failed',
      message: expect.stringMatching(/refused the credentials/),
    });
    const verify = await wrong.verify();
    expect(verify.ok).toBe(false);
    expect(verify.cause?.code).toBe('git_auth_failed');
    // No prompt for a password (which would wait until the test's timeout); seconds on a busy machine.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

/**
 * "Someone else" editing the site: a plain local clone of the bare repository (no HTTP, no
 * sitedesk) that commits and pushes a change — for the fetch + rebase and conflict tests.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Other Editor',
  GIT_AUTHOR_EMAIL: 'other@example.test',
  GIT_COMMITTER_NAME: 'Other Editor',
  GIT_COMMITTER_EMAIL: 'other@example.test',
};

/** Clones bare `repoPath`, lets `edit` change files in the clone, commits with `message` and pushes to main. */
export async function pushFromOtherClone(
  repoPath: string,
  edit: (dir: string) => Promise<void>,
  message: string,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sitedesk-other-clone-'));
  try {
    await run('git', ['clone', '--quiet', '--branch', 'main', '--', repoPath, dir], { env });
    await edit(dir);
    await run('git', ['-C', dir, 'add', '--all'], { env });
    await run('git', ['-C', dir, 'commit', '--quiet', '-m', message], { env });
    await run('git', ['-C', dir, 'push', '--quiet', 'origin', 'HEAD:main'], { env });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The subjects of the commits on main of bare `repoPath`, newest first. */
export async function commitSubjects(repoPath: string): Promise<string[]> {
  const { stdout } = await run('git', ['--git-dir', repoPath, 'log', '--format=%s', 'main'], {
    env,
  });
  return stdout.trim().split('\n');
}

/** A file's text on main of bare `repoPath`, or undefined when it is not there. */
export async function fileOnMain(repoPath: string, path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['--git-dir', repoPath, 'show', `main:${path}`], {
      env,
      maxBuffer: 16 << 20,
    });
    return stdout;
  } catch {
    return undefined;
  }
}

/**
 * The warm clone of one site (issue 5): cloned once into the data folder, then fetched and
 * fast-forwarded before each write — never a clone per publish. A damaged clone is moved
 * away and cloned again. Commits are pushed with a bounded fetch + rebase retry when the
 * remote moved (or, for publishing, the caller writes again over the new version: see
 * merge.ts); a real conflict aborts the rebase, drops our commit and leaves the clone
 * exactly at the remote's branch, so the next publish starts clean.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { GitClient } from './client.js';
import { GitError } from './errors.js';

/** The warm clone of one site. */
export interface WarmClone {
  readonly dir: string;
  /** Clones if needed (or if damaged), fetches, and puts the work tree at the remote branch. */
  sync(): Promise<void>;
  /**
   * Stages `paths` (those the caller changed), commits when anything changed (never an empty
   * commit) and pushes; false when nothing changed. When the remote moved meanwhile it rebases
   * and pushes again, or with `redo` throws `git_push_rejected` (the clone back at the
   * remote) so the caller writes its files again over the new version (publish merges).
   */
  commitAndPush(
    paths: readonly string[],
    message: string,
    options?: { redo?: boolean },
  ): Promise<boolean>;
  /** Throws away local changes and commits: the work tree becomes the remote branch again. */
  discard(): Promise<void>;
}

/** Options of a warm clone. */
export interface WarmCloneConfig {
  dir: string;
  branch: string;
  pushAttempts: number;
}

/** Creates the warm clone manager (nothing happens on disk until `sync`). */
export function createWarmClone(
  config: WarmCloneConfig,
  git: GitClient,
  deps: { logger: Logger; clock: Clock },
): WarmClone {
  const { dir, branch } = config;
  const tracking = `refs/remotes/origin/${branch}`;
  // Whether the work tree is known to equal the remote branch; false until proven.
  let clean = false;

  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );

  async function cloneFresh(): Promise<void> {
    await mkdir(dirname(dir), { recursive: true });
    await rm(dir, { recursive: true, force: true });
    await git.run(
      [
        'clone',
        '--quiet',
        '--no-tags',
        '--single-branch',
        '--branch',
        branch,
        '--',
        git.remoteUrl,
        dir,
      ],
      { cwd: dirname(dir) },
    );
    clean = true;
  }

  async function healthy(): Promise<boolean> {
    if (!(await exists(`${dir}/.git`))) return false;
    const head = await git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
      allowFailure: true,
    });
    if (head.code !== 0) return false;
    const url = await git.run(['config', '--get', 'remote.origin.url'], { allowFailure: true });
    return url.code === 0 && url.stdout.trim() === git.remoteUrl;
  }

  /** Fetches the branch; true when the remote-tracking ref moved (git reports updates on stderr). */
  async function fetch(): Promise<boolean> {
    const result = await git.run([
      'fetch',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-progress',
      'origin',
      `+refs/heads/${branch}:${tracking}`,
    ]);
    return /->/.test(result.stderr);
  }

  async function discard(): Promise<void> {
    await git.run(['rebase', '--abort'], { allowFailure: true });
    await git.run(['reset', '--quiet', '--hard', tracking]);
    await git.run(['clean', '-ffdq']);
    clean = true;
  }

  async function sync(): Promise<void> {
    if (!(await exists(dir))) {
      await cloneFresh();
      return;
    }
    // A clone this process left clean is trusted; otherwise it is checked before use.
    if (!clean && !(await healthy())) {
      deps.logger.warn({ dir }, 'the warm clone is damaged or points elsewhere; cloning again');
      await cloneFresh();
      return;
    }
    let moved: boolean;
    try {
      moved = await fetch();
    } catch (error) {
      if (error instanceof GitError && error.code === 'git_clone_damaged') {
        deps.logger.warn({ dir }, 'the warm clone is damaged; cloning again');
        await cloneFresh();
        return;
      }
      throw error;
    }
    if (!clean || moved) {
      // Our last operation left nothing behind, so this is a fast-forward to what others pushed.
      await discard();
    }
  }

  /** The commit HEAD names now. */
  async function head(): Promise<string> {
    return (await git.run(['rev-parse', '--verify', 'HEAD^{commit}'])).stdout.trim();
  }

  /**
   * Pushes `commit` (ours, just made) by its id, not HEAD: should anything have moved HEAD
   * meanwhile, pushing HEAD could answer "up to date" without our commit and the caller would
   * record a publish the site never got; our commit's id is either pushed or refused.
   */
  async function push(commit: string, redo: boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await git.run(['push', '--quiet', 'origin', `${commit}:refs/heads/${branch}`]);
        return;
      } catch (error) {
        if (
          !(error instanceof GitError) ||
          error.code !== 'git_push_rejected' ||
          attempt >= config.pushAttempts ||
          redo
        )
          throw error;
      }
      deps.logger.info(
        { attempt },
        'the remote moved meanwhile; fetching and rebasing before pushing again',
      );
      await deps.clock.sleep(100 * attempt);
      await fetch();
      const rebase = await git.run(['rebase', '--quiet', tracking], { allowFailure: true });
      if (rebase.code !== 0) {
        const files = (
          await git.run(['diff', '--name-only', '--diff-filter=U'], { allowFailure: true })
        ).stdout
          .trim()
          .split('\n')
          .filter(Boolean);
        throw new GitError(
          'git_conflict',
          { method: 'git rebase', url: git.remoteUrl },
          `someone else changed ${files.length > 0 ? files.join(', ') : 'the same lines'} on branch ${branch} meanwhile; nothing was published, the clone is back at the remote's version`,
        );
      }
      commit = await head();
    }
  }

  return {
    dir,
    sync,
    discard,
    async commitAndPush(paths, message, options = {}) {
      clean = false;
      try {
        if (paths.length === 0) {
          clean = true;
          return false;
        }
        await git.run(['add', '--all', '--', ...paths]);
        // No `git diff --cached` first: callers pass only paths they changed, and git itself
        // refuses an empty commit ("nothing to commit"), which is then no commit, not an error.
        const commit = await git.run(['commit', '--quiet', '--no-verify', '-m', message], {
          allowFailure: true,
        });
        if (commit.code !== 0) {
          if (
            /nothing to commit|nothing added to commit|no changes added/i.test(
              commit.stdout + commit.stderr,
            )
          ) {
            clean = true;
            return false;
          }
          throw new GitError(
            'git_failed',
            { method: 'git commit', url: git.remoteUrl },
            commit.stderr.trim().split('\n').pop() ?? 'commit failed',
          );
        }
        await push(await head(), options.redo === true);
        clean = true;
        return true;
      } catch (error) {
        // Leave nothing half-done: the clone goes back to the remote branch.
        await discard().catch((cleanup: unknown) =>
          deps.logger.error({ err: cleanup }, 'could not reset the warm clone'),
        );
        throw error;
      }
    },
  };
}

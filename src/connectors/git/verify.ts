/**
 * verify() for git sites (issue 5): the remote answers with the token, the branch exists,
 * a dry-run push is accepted (write permission), and the generator's folders are where the
 * settings say. Read-only for the remote; it never throws for those — each answer names what
 * a person can fix. An optional build command is run in the clone as a last check.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { messageOf } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { SecretStore } from '../../secrets/types.js';
import type { VerifyCheck, VerifyResult } from '../types.js';
import type { GitClient } from './client.js';
import type { WarmClone } from './clone.js';
import { detectGenerator, type DetectedGenerator } from './detect.js';
import { GitError } from './errors.js';
import type { Generator } from './generators.js';
import type { GitSite } from './settings.js';
import { siteSecretAccount } from '../../secrets/account.js';

const FIXES: Record<string, string> = {
  git_auth_failed:
    'Save a valid access token with write access for this site (HTTPS), or check this computer’s SSH key.',
  git_forbidden: 'Give the token write access to the repository (e.g. "Contents: read and write").',
  git_unreachable: 'Check the repository URL and that this machine can reach the git host.',
  git_timeout: 'The git host did not answer in time; check the network or raise timeoutSeconds.',
  git_branch_missing: 'Create the branch on the remote, or set settings.branch to an existing one.',
  git_repo_missing: 'Check the repository URL, and that the token can see the repository.',
  git_branch_protected:
    'Allow the token to push to the protected branch, or publish to another branch.',
};

/** What verify needs besides the site; `resolve` gives the site with a detected generator. */
export interface VerifyDeps {
  clone: WarmClone;
  git: GitClient;
  secrets: SecretStore;
  logger: Logger;
  resolve: (generator: Generator) => GitSite;
  /** Told the generator found in the repository when the settings name none. */
  onDetected: (found: DetectedGenerator) => void;
}

/** Runs the checks; `ok` only when all passed. */
export async function verifyGitSite(given: GitSite, deps: VerifyDeps): Promise<VerifyResult> {
  let site = given;
  const checks: VerifyCheck[] = [];
  const fail = (name: string, error: unknown): VerifyResult => {
    const code = error instanceof GitError ? error.code : 'git_failed';
    checks.push({ name, ok: false, message: messageOf(error) });
    return {
      ok: false,
      checks,
      cause: { code, message: messageOf(error), ...(FIXES[code] ? { fix: FIXES[code] } : {}) },
    };
  };
  const https = /^https?:/.test(site.settings.repoUrl);
  if (https && (await deps.secrets.get(siteSecretAccount(site.id))) === undefined) {
    checks.push({
      name: 'credentials',
      ok: false,
      message: 'no access token is stored for this site',
    });
    return {
      ok: false,
      checks,
      cause: {
        code: 'git_auth_failed',
        message: 'No token is stored for this site.',
        fix: FIXES.git_auth_failed,
      },
    };
  }
  const { branch } = site.settings;
  try {
    const heads = await deps.git.run(
      ['ls-remote', '--heads', '--', site.settings.repoUrl, `refs/heads/${branch}`],
      { cwd: '/' },
    );
    checks.push({
      name: 'remote',
      ok: true,
      message: 'the repository answers and accepts the credentials',
    });
    if (heads.stdout.trim() === '') {
      return fail(
        'branch',
        new GitError(
          'git_branch_missing',
          { method: 'git ls-remote', url: site.settings.repoUrl },
          `branch "${branch}" does not exist`,
        ),
      );
    }
    checks.push({ name: 'branch', ok: true, message: `branch "${branch}" exists` });
  } catch (error) {
    return fail('remote', error);
  }
  try {
    await deps.clone.sync();
    await deps.git.run(['push', '--dry-run', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
    checks.push({ name: 'push', ok: true, message: 'a dry-run push was accepted' });
  } catch (error) {
    return fail('push', error);
  }
  if (!site.generatorGiven) {
    const found = await detectGenerator(deps.clone.dir);
    if (!found) {
      checks.push({
        name: 'generator',
        ok: false,
        message: 'no Hugo, Jekyll, Eleventy or Astro configuration file is in the repository',
      });
      return {
        ok: false,
        checks,
        cause: {
          code: 'git_generator_unknown',
          message:
            'The repository has no Hugo, Jekyll, Eleventy or Astro configuration file, so sitedesk cannot tell how the site is built.',
          fix: 'Choose the generator in the site settings (settings.generator), or check that this is the site’s repository.',
        },
      };
    }
    site = deps.resolve(found.generator);
    deps.onDetected(found);
    checks.push({
      name: 'generator',
      ok: true,
      message: `${found.generator}, found ${found.file} in the repository`,
    });
  }
  const s = site.settings;
  const isDir = (dir: string) =>
    stat(join(deps.clone.dir, dir)).then(
      (st) => st.isDirectory(),
      () => false,
    );
  if (!(await isDir(s.contentDirs.post))) {
    checks.push({
      name: 'folders',
      ok: false,
      message: `the posts folder ${s.contentDirs.post} is not in the repository`,
    });
    return {
      ok: false,
      checks,
      cause: {
        code: 'git_folders_missing',
        message: `The posts folder ${s.contentDirs.post} is not in the repository, so this may not be a ${s.generator} site or the folder is elsewhere.`,
        fix: 'Set settings.contentDirs.post to the folder the site keeps its posts in.',
      },
    };
  }
  // Page and promotion folders are created by the first publish of that kind.
  const later: string[] = [];
  for (const dir of new Set([s.contentDirs.page, s.contentDirs.promotion]))
    if (!(await isDir(dir))) later.push(dir);
  const note =
    later.length > 0 ? `; ${later.join(', ')} will be created by the first publish there` : '';
  checks.push({
    name: 'folders',
    ok: true,
    message: `the ${s.generator} content folders are in place${note}`,
  });
  if (s.buildCommand) {
    const build = await runBuild(s.buildCommand, deps.clone.dir, s.timeoutSeconds * 1000);
    checks.push({ name: 'build', ok: build.ok, message: build.message });
    if (!build.ok)
      return {
        ok: false,
        checks,
        cause: {
          code: 'git_build_failed',
          message: build.message,
          fix: 'Run the build command in a checkout and fix what it reports.',
        },
      };
  }
  return { ok: true, checks };
}

/** Runs the site's build without a shell; all output is read (some generators hang otherwise). */
function runBuild(
  argv: readonly string[],
  cwd: string,
  timeoutMs: number,
): Promise<{ ok: boolean; message: string }> {
  return new Promise((resolve) => {
    const [command = '', ...args] = argv;
    const child = spawn(command, args, {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-2000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, message: `the build command could not start: ${error.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const tail = output.trim().split('\n').slice(-3).join(' ');
      resolve(
        code === 0
          ? { ok: true, message: 'the site builds' }
          : { ok: false, message: `the build failed (exit ${code ?? 'killed'}): ${tail}` },
      );
    });
  });
}

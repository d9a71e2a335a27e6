/**
 * The static-site connector (issue 5): maps the connector contract onto a warm git clone.
 * Each operation runs alone per site (a promise queue): sync the clone, write files, one
 * commit, push. The remote id of an item is its file's path in the repository.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MediaFile, PublishResult, RemoteRef, VerifyResult } from '../types.js';
import type { Connector, ConnectorDeps } from '../types.js';
import { createGitClient, type GitAuth, type GitClient } from './client.js';
import { createWarmClone, type WarmClone } from './clone.js';
import { detectGenerator, type DetectedGenerator } from './detect.js';
import { NotFoundError, SitedeskError } from '../../shared/errors.js';
import { withLockFile, type LockFileOptions } from '../../shared/lock-file.js';
import { GitError } from './errors.js';
import { checkFileName, checkRepoPath } from './paths.js';
import { readRepoFile, renderFile, writableDirs, writeRepoFile } from './publish.js';
import { changeRegion, removeFile } from './region.js';
import { discoverGitRegions, readGitRegion } from './regions.js';
import { capabilitiesOf, commitTitle, publishMessage } from './rules.js';
import { parseGitSite, type GitSite } from './settings.js';
import { verifyGitSite } from './verify.js';
import { loadTarget, writeItem, type BatchEntry } from './write-item.js';
import { siteSecretAccount } from '../../secrets/account.js';

export type { BatchEntry } from './write-item.js';

/** What the git connector needs besides the common deps. */
export interface GitConnectorDeps extends ConnectorDeps {
  /** sitedesk's data folder; warm clones live in `<dataDir>/git/<site id>`. */
  dataDir: string;
}

/** The git connector: the contract plus batch publishing and what the runner needs for scheduling. */
export interface GitConnector extends Connector {
  readonly kind: 'git';
  /** `hold`: a future item is reported `scheduled` and not committed; publish it again at its time. */
  readonly scheduling: 'hold' | 'future-dated';
  /** The warm clone's folder (for `sitedesk doctor` and tests). */
  readonly cloneDir: string;
  /** Publishes several items in one commit (one push); results in the same order. */
  publishMany(entries: readonly BatchEntry[]): Promise<PublishResult[]>;
  /**
   * The generator found in the repository by the last verify() or write, when the settings
   * name none (issue 14: detected on check, stored by the caller); undefined otherwise.
   */
  detectedGenerator(): DetectedGenerator | undefined;
}

/** Creates the connector of a git site; `siteInput` is validated (ConfigError on a wrong field). */
export function createGitConnector(siteInput: unknown, deps: GitConnectorDeps): GitConnector {
  let site = parseGitSite(siteInput);
  let detected: DetectedGenerator | undefined;
  const useDetected = (found: DetectedGenerator): void => {
    detected = found;
    site = parseGitSite(siteInput, found.generator);
  };
  const cloneDir = join(deps.dataDir, 'git', cloneFolderName(site.id));
  let queue: Promise<unknown> = Promise.resolve();
  let current: { token: string | undefined; git: GitClient; clone: WarmClone } | undefined;

  /** Runs `task` after every earlier operation of this site, with a synced clone. */
  function exclusive<T>(
    task: (clone: WarmClone, git: GitClient) => Promise<T>,
    synced = true,
  ): Promise<T> {
    const run = queue.then(async () => {
      const { clone, git } = await context();
      // verify() (not synced) explains a missing token itself; a write needs one.
      if (synced && current?.token === undefined && /^https?:/.test(site.settings.repoUrl)) {
        throw new GitError(
          'git_auth_failed',
          { method: 'git fetch', url: site.settings.repoUrl },
          `no token is stored for this site; store one under the secret account site:${site.id}`,
        );
      }
      await mkdir(dirname(cloneDir), { recursive: true });
      // The in-process queue orders this connector's calls; the lock file guards against
      // another connector (or process) working in the same clone. No age makes it stale: a
      // slow push may hold it long; only its holder's death frees it.
      const cloneLock: LockFileOptions = {
        timeoutMs: site.settings.timeoutSeconds * 3000,
        clock: deps.clock,
        busy: (lockPath) =>
          new SitedeskError(
            'git_clone_busy',
            `The warm clone is in use by another sitedesk operation (lock ${lockPath}); try again shortly.`,
          ),
      };
      return withLockFile(
        `${cloneDir}.lock`,
        async () => {
          if (synced) await clone.sync();
          if (synced && !site.generatorGiven && detected === undefined) {
            const found = await detectGenerator(clone.dir);
            if (!found)
              throw new GitError(
                'git_generator_unknown',
                { method: 'git checkout', url: site.settings.repoUrl },
                'the repository has no Hugo, Jekyll, Eleventy or Astro configuration file; choose the generator in the site settings',
              );
            useDetected(found);
          }
          try {
            return await task(clone, git);
          } catch (error) {
            await clone.discard().catch(() => undefined);
            throw error;
          }
        },
        cloneLock,
      );
    });
    queue = run.catch(() => undefined);
    return run;
  }

  async function context(): Promise<{ git: GitClient; clone: WarmClone }> {
    const https = /^https?:/.test(site.settings.repoUrl);
    const secret = https ? await deps.secrets.get(siteSecretAccount(site.id)) : undefined;
    if (current && current.token === secret) return current;
    const auth: GitAuth = https
      ? secret === undefined
        ? { kind: 'none' }
        : { kind: 'https', ...splitSecret(secret, site.settings.username) }
      : { kind: 'ssh', keyPath: site.settings.sshKeyPath };
    const git = createGitClient(
      {
        remoteUrl: site.settings.repoUrl,
        auth,
        author: site.settings.author,
        dir: cloneDir,
        timeoutMs: site.settings.timeoutSeconds * 1000,
        protocolVersion: site.settings.gitProtocol,
      },
      { logger: deps.logger },
    );
    const clone = createWarmClone(
      { dir: cloneDir, branch: site.settings.branch, pushAttempts: site.settings.pushAttempts },
      git,
      deps,
    );
    current = { token: secret, git, clone };
    return current;
  }

  const connector: GitConnector = {
    kind: 'git',
    capabilities: capabilitiesOf(site),
    scheduling: site.settings.scheduling,
    cloneDir,
    verify: (): Promise<VerifyResult> =>
      exclusive(
        (clone, git) =>
          verifyGitSite(site, {
            clone,
            git,
            secrets: deps.secrets,
            logger: deps.logger,
            resolve: (generator) => parseGitSite(siteInput, generator),
            onDetected: useDetected,
          }),
        false,
      ),
    detectedGenerator: () => detected,
    publishMany(entries) {
      return exclusive(async (clone, git) => {
        const t = await loadTarget(site, cloneDir);
        let todo = [...entries];
        for (let attempt = 1; ; attempt++) {
          const written: Awaited<ReturnType<typeof writeItem>>[] = [];
          for (const entry of todo)
            written.push(await writeItem(t, entry, new Date(deps.clock.now()), git));
          const paths = written.flatMap((w) => w.paths);
          try {
            if (paths.length > 0)
              await clone.commitAndPush(paths, publishMessage(entries), { redo: true });
            return written.map((w) => w.result);
          } catch (error) {
            const rejected = error instanceof GitError && error.code === 'git_push_rejected';
            if (!rejected || attempt >= site.settings.pushAttempts) throw error;
          }
          // Someone pushed in between: write again over their version, merging against the
          // same base as the first try (what was there, or what sitedesk wrote last).
          deps.logger.info({ attempt }, 'the remote moved meanwhile; writing again over it');
          todo = todo.map((entry, i) => withBase(entry, written[i]?.base));
          await deps.clock.sleep(100 * attempt);
          await clone.sync();
        }
      });
    },
    async publish(item, options) {
      const [result] = await connector.publishMany([{ item, ...(options ? { options } : {}) }]);
      if (!result) throw new Error('publishMany returned no result');
      return result;
    },
    unpublish(ref) {
      return exclusive(async (clone) => {
        const path = checkRepoPath(ref.remoteId, writableDirs(site));
        const t = await loadTarget(site, cloneDir);
        const oldText = await readRepoFile(cloneDir, path);
        if (oldText === undefined) return; // already gone: nothing to take down
        const draft = site.settings.unpublish === 'delete' ? undefined : t.writer.draft({});
        if (draft === undefined) await removeFile(cloneDir, path);
        else await writeRepoFile(cloneDir, path, renderFile(site, oldText, draft, undefined));
        await clone.commitAndPush([path], `sitedesk: unpublish "${commitTitle(oldText, path)}"`);
      });
    },
    delete(ref: RemoteRef) {
      return exclusive(async (clone) => {
        const path = checkRepoPath(ref.remoteId, writableDirs(site));
        const oldText = await readRepoFile(cloneDir, path);
        if (oldText === undefined) return;
        await removeFile(cloneDir, path);
        await clone.commitAndPush([path], `sitedesk: delete "${commitTitle(oldText, path)}"`);
      });
    },
    uploadMedia(file: MediaFile) {
      return exclusive(async (clone) => {
        const name = checkFileName(file.filename);
        const path = checkRepoPath(
          `${site.settings.staticDir}/uploads/${name}`,
          writableDirs(site),
        );
        await writeRepoFile(cloneDir, path, file.data);
        await clone.commitAndPush([path], `sitedesk: upload "${name}"`);
        return { remoteId: path, url: `${site.settings.staticUrl}/uploads/${name}` };
      });
    },
    updateRegion(page, name, html) {
      return exclusive(async (clone) => {
        const path = await changeRegion(site, cloneDir, page.remoteId, name, html);
        // commitAndPush makes no commit when the file did not change (the same text again).
        await clone.commitAndPush([path], `sitedesk: update "${name}" in ${path}`);
      });
    },
    discoverRegions() {
      return exclusive(() => discoverGitRegions(site, cloneDir));
    },
    readRegion(page, name) {
      return exclusive(async () => {
        const path = checkRepoPath(page.remoteId, [
          ...writableDirs(site),
          ...site.settings.regionDirs,
        ]);
        const read = await readGitRegion(cloneDir, path, name);
        if (!read)
          throw new NotFoundError(
            `The file ${path} is not in the repository (branch ${site.settings.branch}).`,
          );
        return read;
      });
    },
  };
  return connector;
}

/** `entry` with `base` as its merge base (a second try must merge against the first's base). */
function withBase(entry: BatchEntry, base: string | undefined): BatchEntry {
  if (base === undefined) return entry;
  return { ...entry, options: { ...entry.options, previous: base } };
}

/** A folder name for the site's clone: the id when it is plain, else a hash of it (never `..`). */
export function cloneFolderName(id: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/.test(id) && !id.includes('..')) return id;
  return `site-${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}

/** An HTTPS secret: a token, or `user:token` when it holds a colon. */
function splitSecret(secret: string, username: string): { username: string; token: string } {
  const colon = secret.indexOf(':');
  return colon > 0
    ? { username: secret.slice(0, colon), token: secret.slice(colon + 1) }
    : { username, token: secret };
}

export type { GitSite };

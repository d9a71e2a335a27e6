/**
 * Runs git for one site: `spawn` without a shell, a fixed environment, a timeout that kills
 * git's whole process group (git forks `git-remote-https`), and errors with credentials
 * scrubbed. Credentials reach git only through the environment (issue 5): an HTTPS token as
 * an `http.<url>.extraHeader` set with GIT_CONFIG_COUNT/KEY/VALUE — never in the remote URL,
 * argv, `.git/config` or a commit. The user's and the system's git config are not read, so a
 * stray credential helper or hook cannot interfere; git never prompts.
 */
import { spawn } from 'node:child_process';
import type { Logger } from '../../shared/logger.js';
import { classifyGitFailure, GitError } from './errors.js';

/** How git authenticates to the remote. */
export type GitAuth =
  | { kind: 'https'; username: string; token: string }
  | { kind: 'ssh'; keyPath?: string | undefined }
  | { kind: 'none' };

/** Options of one git command. */
export interface GitRunOptions {
  /** Working folder; default the clone. */
  cwd?: string;
  /** Default: the client's timeout. */
  timeoutMs?: number;
  /** Resolve with the exit code instead of throwing when git fails. */
  allowFailure?: boolean;
}

/** What a git command printed and how it ended. */
export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs git commands for one site. */
export interface GitClient {
  readonly remoteUrl: string;
  run(args: readonly string[], options?: GitRunOptions): Promise<GitResult>;
}

/** Settings of a git client. */
export interface GitClientConfig {
  remoteUrl: string;
  auth: GitAuth;
  author: { name: string; email: string };
  /** The clone folder: the default working folder. */
  dir: string;
  /** Per command, in ms. */
  timeoutMs: number;
  /** Git wire protocol for fetches: 0 (default, fewest round trips) or 2. */
  protocolVersion?: 0 | 2;
}

const MAX_OUTPUT = 16 << 20;
const PASSED_THROUGH = [
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'GIT_SSL_CAINFO',
];

/** The environment git runs with: nothing inherited but PATH, HOME, the SSH agent, proxy and CA settings. */
function gitEnvironment(config: GitClientConfig): NodeJS.ProcessEnv {
  const settings: [string, string][] = [
    // An empty helper clears any helper list, so only what we pass here is used.
    ['credential.helper', ''],
    ['core.hooksPath', '/dev/null'],
    ['commit.gpgSign', 'false'],
    // v0 answers "anything new?" in one request (v2 needs two): a round trip saved per publish.
    // v2 only pays off for repositories with thousands of refs (see settings.gitProtocol).
    ['protocol.version', config.protocolVersion === 2 ? '2' : '0'],
    // A stalled transfer (under 1 KB/s for 20 s) fails instead of hanging.
    ['http.lowSpeedLimit', '1000'],
    ['http.lowSpeedTime', '20'],
  ];
  const { auth } = config;
  if (auth.kind === 'https') {
    const basic = Buffer.from(`${auth.username}:${auth.token}`).toString('base64');
    // Scoped to the remote URL, so a redirect to another host does not receive it.
    settings.push([`http.${config.remoteUrl}.extraHeader`, `Authorization: Basic ${basic}`]);
  }
  if (auth.kind === 'ssh') {
    const key = auth.keyPath ? ` -i '${auth.keyPath}' -o IdentitiesOnly=yes` : '';
    settings.push([
      'core.sshCommand',
      `ssh -o BatchMode=yes -o ConnectTimeout=15 -o StrictHostKeyChecking=accept-new${key}`,
    ]);
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: config.author.name,
    GIT_AUTHOR_EMAIL: config.author.email,
    GIT_COMMITTER_NAME: config.author.name,
    GIT_COMMITTER_EMAIL: config.author.email,
    GIT_CONFIG_COUNT: String(settings.length),
  };
  if (auth.kind === 'ssh' && process.env.SSH_AUTH_SOCK)
    env.SSH_AUTH_SOCK = process.env.SSH_AUTH_SOCK;
  // A machine behind a proxy or with its own CA still reaches the git host.
  for (const name of PASSED_THROUGH)
    if (process.env[name] !== undefined) env[name] = process.env[name];
  settings.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** Creates the git runner of one site. */
export function createGitClient(config: GitClientConfig, deps: { logger: Logger }): GitClient {
  const env = gitEnvironment(config);
  const secrets =
    config.auth.kind === 'https'
      ? [
          config.auth.token,
          Buffer.from(`${config.auth.username}:${config.auth.token}`).toString('base64'),
        ]
      : [];
  const scrub = (text: string): string =>
    secrets.reduce((out, s) => (s.length >= 4 ? out.split(s).join('[redacted]') : out), text);

  return {
    remoteUrl: config.remoteUrl,
    run(args, options = {}) {
      const timeoutMs = options.timeoutMs ?? config.timeoutMs;
      const started = Date.now();
      return new Promise<GitResult>((resolve, reject) => {
        const child = spawn('git', args, {
          cwd: options.cwd ?? config.dir,
          env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let size = 0;
        let timedOut = false;
        const collect = (into: Buffer[]) => (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_OUTPUT) into.push(chunk);
        };
        child.stdout.on('data', collect(out));
        child.stderr.on('data', collect(err));
        const timer = setTimeout(() => {
          timedOut = true;
          killGroup(child.pid);
        }, timeoutMs);
        const call = { method: `git ${args[0] ?? ''}`, url: config.remoteUrl };
        child.on('error', (error) => {
          clearTimeout(timer);
          reject(
            new GitError('git_failed', call, `git could not be started: ${error.message}`, {
              cause: error,
            }),
          );
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          const result = {
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: scrub(Buffer.concat(err).toString('utf8')),
            code: code ?? -1,
          };
          deps.logger.debug(
            { git: args.slice(0, 3), code: result.code, ms: Date.now() - started },
            'git command',
          );
          if (timedOut) {
            reject(
              new GitError(
                'git_timeout',
                call,
                `no answer within ${Math.round(timeoutMs / 1000)} s`,
                { retryable: true, stderr: result.stderr },
              ),
            );
            return;
          }
          if (result.code === 0 || options.allowFailure) {
            resolve(result);
            return;
          }
          const failure = classifyGitFailure(result.stderr);
          reject(
            new GitError(failure.code, call, failure.reason, {
              retryable: failure.retryable,
              stderr: result.stderr,
            }),
          );
        });
      });
    },
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

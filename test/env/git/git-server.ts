/**
 * A real git server over HTTP for tests: a small Node server that runs Debian's
 * `git http-backend` as CGI for bare repositories under a temporary root, behind Basic auth
 * (a wrong or missing token is a 401). Listens on a free loopback port. Request bodies are
 * streamed to the CGI as they arrive, so chunked pushes without Content-Length work (Node
 * decodes the chunks; the CGI then reads to end of input, which http-backend supports).
 */
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One request the server answered (for tests that count clones and fetches). */
export interface GitRequestRecord {
  method: string;
  path: string;
  service: string | undefined;
  status: number;
  /** Bytes sent back to the client (the pack data, mostly). */
  bytesOut: number;
  /** True when the request body came chunked, without Content-Length. */
  chunked: boolean;
}

/** A running git server; `url` has no credentials, use `token` with any user name. */
export interface GitServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`; a repository is `${url}/<name>.git`. */
  url: string;
  token: string;
  /** Folder that holds the bare repositories. */
  root: string;
  /** Every request answered so far, oldest first. */
  requests: GitRequestRecord[];
  /**
   * Creates bare repository `<name>.git` (branch `main`), with one commit holding the files of
   * `fromDir` when given. Returns its URL and folder.
   */
  createRepo(name: string, fromDir?: string): Promise<{ url: string; path: string }>;
  /**
   * Runs `action` when the next push (POST git-receive-pack) arrives, before the push is
   * processed: the way to make "someone else pushed in between" happen deterministically.
   */
  beforeNextPush(action: () => Promise<void>): void;
  /** Revokes the token and makes a new one (as a forge's "regenerate token"); returns it. */
  replaceToken(): string;
  stop(): Promise<void>;
}

const GIT_BACKEND = '/usr/lib/git-core/git-http-backend';
const AUTHOR_ENV = {
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.test',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.test',
};

/** Starts a server on 127.0.0.1 with a random port and token; stop it in afterAll. */
export async function startGitServer(options: { token?: string } = {}): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), 'sitedesk-git-server-'));
  let token = options.token ?? randomBytes(16).toString('hex');
  const requests: GitRequestRecord[] = [];
  const children = new Set<ReturnType<typeof spawn>>();
  const pushHooks: (() => Promise<void>)[] = [];

  const server = createServer((req, res) => {
    if (!authorised(req, token)) {
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="sitedesk test git"',
        'Content-Type': 'text/plain',
      });
      res.end('authentication required\n');
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '',
        service: undefined,
        status: 401,
        bytesOut: 0,
        chunked: false,
      });
      req.resume();
      return;
    }
    const isPush = req.method === 'POST' && (req.url ?? '').includes('/git-receive-pack');
    const hook = isPush ? pushHooks.shift() : undefined;
    if (!hook) {
      runBackend(req, res, root, requests, children);
      return;
    }
    // Hold the request body until the hook has pushed (Node buffers it meanwhile).
    req.pause();
    hook().then(
      () => runBackend(req, res, root, requests, children),
      (error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`push hook failed: ${String(error)}\n`);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    get token() {
      return token;
    },
    replaceToken() {
      token = randomBytes(16).toString('hex');
      return token;
    },
    root,
    requests,
    async createRepo(name, fromDir) {
      if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`bad repo name ${name}`);
      const path = join(root, `${name}.git`);
      await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', path]);
      await run('git', ['-C', path, 'config', 'http.receivepack', 'true']);
      if (fromDir) await commitTree(path, fromDir);
      return { url: `${url}/${name}.git`, path };
    },
    beforeNextPush(action) {
      pushHooks.push(action);
    },
    async stop() {
      for (const child of children) child.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Commits the files of `dir` into bare `repo` on main, without a work tree of its own. */
async function commitTree(repo: string, dir: string): Promise<void> {
  const env = { ...process.env, ...AUTHOR_ENV, GIT_INDEX_FILE: join(repo, 'fixture-index') };
  const git = (args: string[]) =>
    run('git', ['--git-dir', repo, '--work-tree', dir, ...args], { env, maxBuffer: 64 << 20 });
  await git(['add', '--all', '--force', '--', '.']);
  await git(['commit', '--quiet', '--no-verify', '-m', 'fixture site']);
  await rm(join(repo, 'fixture-index'), { force: true });
}

function authorised(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && decoded.slice(colon + 1) === token;
}

function runBackend(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  requests: GitRequestRecord[],
  children: Set<ReturnType<typeof spawn>>,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const record: GitRequestRecord = {
    method: req.method ?? 'GET',
    path: url.pathname,
    service: url.searchParams.get('service') ?? /\/(git-[a-z-]+)$/.exec(url.pathname)?.[1],
    status: 200,
    bytesOut: 0,
    chunked:
      /chunked/i.test(req.headers['transfer-encoding'] ?? '') &&
      req.headers['content-length'] === undefined,
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    REMOTE_USER: 'tester',
    REMOTE_ADDR: '127.0.0.1',
    REQUEST_METHOD: req.method,
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    SERVER_PROTOCOL: 'HTTP/1.1',
    GATEWAY_INTERFACE: 'CGI/1.1',
  };
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);

  const child = spawn(GIT_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  child.stderr.resume();

  let head = Buffer.alloc(0);
  let headerDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) {
      record.bytesOut += chunk.length;
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = findHeaderEnd(head);
    if (!end) return;
    headerDone = true;
    writeCgiHead(res, head.subarray(0, end.at).toString('latin1'), record);
    const rest = head.subarray(end.at + end.length);
    record.bytesOut += rest.length;
    if (rest.length > 0) res.write(rest);
  });
  child.on('close', () => {
    clearTimeout(timer);
    children.delete(child);
    if (!headerDone) {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
    }
    res.end();
    requests.push(record);
  });
}

function findHeaderEnd(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf !== -1) return { at: lf, length: 2 };
  return undefined;
}

function writeCgiHead(res: ServerResponse, head: string, record: GitRequestRecord): void {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  record.status = status;
  res.writeHead(status, headers);
}

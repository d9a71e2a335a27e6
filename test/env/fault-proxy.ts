/**
 * A fault-injecting HTTP proxy for every connector's tests: it forwards requests to `target`
 * unchanged, except where a test asked for a fault. Faults are queued per proxy (one proxy per
 * test file or test), each for the next `times` matching requests:
 *   - `status`: answer with a status without forwarding (500, or 429 with `retryAfter` seconds)
 *   - `reset`: destroy the connection without answering, before forwarding
 *   - `reset-after-forward`: forward, let the server act, then destroy the connection
 *     (the "interrupted after the remote create" case)
 *   - `stall`: accept and never answer (until the client gives up or the proxy stops)
 * `stripAuthorization` drops the Authorization header of every forwarded request, as some
 * CGI/FastCGI hosts do. `requests` records what passed, for assertions.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Which requests a fault applies to; all given conditions must hold. */
export interface FaultMatch {
  method?: string;
  /** Tested against the path and query of the request. */
  path?: RegExp;
}

/** One fault; `times` defaults to 1. */
export type Fault =
  | {
      kind: 'status';
      status: number;
      retryAfter?: number | string;
      body?: string;
      times?: number;
      match?: FaultMatch;
    }
  | { kind: 'reset' | 'reset-after-forward' | 'stall'; times?: number; match?: FaultMatch };

/** What the proxy saw of one request. */
export interface ProxiedRequest {
  method: string;
  path: string;
  hadAuthorization: boolean;
  fault?: Fault['kind'];
}

/** A running proxy. */
export interface FaultProxy {
  /** Base URL of the proxy: the target's URL with the proxy's host and port. */
  url: string;
  /** Queues a fault for the next matching request(s). */
  inject(fault: Fault): void;
  /** Removes all queued faults. */
  clear(): void;
  /** Faults still queued (with their remaining count). */
  pending(): number;
  stripAuthorization: boolean;
  requests: ProxiedRequest[];
  stop(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `target` (e.g. `http://127.0.0.1:40123`). */
export async function startFaultProxy(
  target: string,
  options: { stripAuthorization?: boolean } = {},
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const queue: { fault: Fault; left: number }[] = [];
  const sockets = new Set<Socket>();
  const requests: ProxiedRequest[] = [];

  const take = (request: IncomingMessage): Fault | undefined => {
    const entry = queue.find(({ fault }) => matches(fault.match, request));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) queue.splice(queue.indexOf(entry), 1);
    return entry.fault;
  };

  const proxy: FaultProxy = {
    url: '',
    stripAuthorization: options.stripAuthorization ?? false,
    requests,
    inject: (fault) => void queue.push({ fault, left: fault.times ?? 1 }),
    clear: () => void queue.splice(0),
    pending: () => queue.reduce((sum, entry) => sum + entry.left, 0),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };

  const server = createServer((request, response) => {
    const fault = take(request);
    requests.push({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      hadAuthorization: request.headers.authorization !== undefined,
      ...(fault ? { fault: fault.kind } : {}),
    });
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      response.writeHead(fault.status, headers);
      response.end(
        fault.body ?? JSON.stringify({ code: 'fault_proxy', message: `injected ${fault.status}` }),
      );
      request.resume();
      return;
    }
    if (fault?.kind === 'reset') return void request.socket.destroy();
    if (fault?.kind === 'stall') return void request.resume();
    forward(request, response, fault?.kind === 'reset-after-forward');
  });

  const forward = (
    request: IncomingMessage,
    response: ServerResponse,
    resetAfter: boolean,
  ): void => {
    const headers = { ...request.headers, host: upstream.host };
    if (proxy.stripAuthorization) delete headers.authorization;
    const outgoing = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers,
      },
      (answer) => {
        if (resetAfter) {
          // Let the server finish its work, then lose the answer on the way back.
          answer.resume();
          answer.on('end', () => request.socket.destroy());
          return;
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => request.socket.destroy());
    request.pipe(outgoing);
  };

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const url = new URL(target);
  url.host = `127.0.0.1:${port}`;
  proxy.url = url.toString().replace(/\/$/, '');
  return proxy;
}

function matches(match: FaultMatch | undefined, request: IncomingMessage): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  return !match.path || match.path.test(request.url ?? '/');
}

/**
 * A plain reverse proxy that waits `latencyMs` before forwarding each request, so sites on
 * this machine answer like sites across the internet (a round trip per request). Used by
 * bench:fanout to measure the runner where publishing waits on the network, not on the CPU.
 * The Host header is rewritten to the target's, as a reverse proxy does.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy: `url` is the target's URL with the proxy's host and port. */
export interface LatencyProxy {
  url: string;
  stop(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `target` (`http://127.0.0.1:40123`). */
export async function startLatencyProxy(target: string, latencyMs: number): Promise<LatencyProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    req.pause();
    setTimeout(() => {
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
      req.resume();
    }, latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target);
  url.port = String(port);
  return {
    url: url.toString().replace(/\/$/, ''),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

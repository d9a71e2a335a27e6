import { createServer, type Server } from 'node:http';
import type { Logger } from '../shared/logger.js';
import type { Metrics } from './metrics.js';

/**
 * The separate metrics address (SITEDESK_METRICS_LISTEN, e.g. 127.0.0.1:9464): `GET /metrics`
 * without a token for a Prometheus on the same machine or network; nothing else is served
 * there. Resolves once listening; rejects when the address cannot be used.
 */
export async function listenForMetrics(
  address: string,
  metrics: Metrics,
  logger: Logger,
): Promise<Server> {
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon);
  const port = Number(address.slice(colon + 1));
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Only GET /metrics is served here.\n');
      return;
    }
    metrics.scrape().then(
      ({ contentType, text }) => res.writeHead(200, { 'content-type': contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics scrape failed');
        res
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end('The metrics could not be read.\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

import { route, type ApiRoute } from '../api/define.js';
import type { Metrics } from '../metrics.js';

/**
 * `GET /api/v1/metrics`: the Prometheus exposition for an administrator (an admin's API token
 * in Prometheus's `authorization` settings). Without a token, use the separate metrics address
 * (SITEDESK_METRICS_LISTEN), which serves only `/metrics` and should stay on loopback.
 */
export function metricsRoutes(metrics: Metrics): ApiRoute[] {
  return [
    route(
      {
        method: 'get',
        path: '/api/v1/metrics',
        access: 'admin',
        tag: 'meta',
        summary:
          'Prometheus metrics: publications, attempts, queue age, schedule lag, mail intake, HTTP latency',
        produces: 'text/plain',
      },
      async ({ res }) => {
        const { contentType, text } = await metrics.scrape();
        res.status(200).type(contentType).send(text);
        return undefined;
      },
    ),
  ];
}

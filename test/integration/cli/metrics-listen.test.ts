// The separate metrics address of a real `sitedesk serve`: GET /metrics without a token
// (Prometheus text a real parser reads, with Node's process metrics), nothing else there;
// on the main address the same figures need an administrator's token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, expect, it } from 'vitest';
import { startServe, waitForLog, type ServeProcess } from './serve-process.js';

let serve: ServeProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await serve?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('serves /metrics alone on SITEDESK_METRICS_LISTEN and keeps /api/v1/metrics for admins', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-metrics-'));
  serve = await startServe({
    SITEDESK_DATA_DIR: dataDir,
    SITEDESK_SECRET_STORE: 'memory',
    SITEDESK_METRICS_LISTEN: '127.0.0.1:0',
  });
  await waitForLog(serve, 'metrics listening');
  const line = serve.logs.find((l) => l.includes('metricsUrl'))!;
  const metricsUrl = (JSON.parse(line) as { metricsUrl: string }).metricsUrl;
  expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

  await fetch(`${serve.url}/health`);
  const res = await fetch(metricsUrl);
  expect(res.status).toBe(200);
  const names = parsePrometheusTextFormat(await res.text()).map((f) => f.name);
  for (const name of [
    'sitedesk_publications',
    'sitedesk_publication_attempts_total',
    'sitedesk_publish_queue_age_seconds',
    'sitedesk_schedule_lag_seconds',
    'sitedesk_mail_intake_lag_seconds',
    'sitedesk_http_request_duration_seconds',
    'sitedesk_process_resident_memory_bytes',
  ])
    expect(names).toContain(name);

  expect((await fetch(metricsUrl.replace('/metrics', '/api/v1/tasks'))).status).toBe(404);
  expect((await fetch(`${serve.url}/api/v1/metrics`)).status).toBe(401);
  expect(await serve.stop()).toBe(0);
});

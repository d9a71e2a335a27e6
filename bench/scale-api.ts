/**
 * bench:scale's API part: the task list API answered by 1, 2, 3 … `sitedesk serve --no-worker`
 * on one PostgreSQL database, the same seeded data throughout. One more instance is started
 * for each step (the earlier ones keep running), and autocannon spreads the same number of
 * connections round robin over all running ones. Per case: req/s, p50/p95, and the CPU seconds
 * per 1,000 requests that the instances, PostgreSQL and the load client (this process) used.
 */
import type { ServeProcess } from '../test/integration/cli/serve-process.js';
import { hammer } from './api-load.js';
import { cpuMeter, cpuSeconds, postgresCpuSeconds } from './scale-cpu.js';
import { startApiInstance } from './scale-instances.js';
import { percentile } from './tasks-stats.js';

/** What one case measured with `instances` instances. */
export interface ApiFigures {
  instances: number;
  label: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
  /** CPU ms per request: the instances together, PostgreSQL, the load client. */
  cpuMs: { instances: number; postgres: number; client: number };
  /** Cores busy on the whole machine meanwhile (all work, the neighbours' too). */
  busyCores: number;
}

/** The cases: label and path (the first page of the list, and a filtered, due-ordered query). */
export function apiCases(clientId: string): [string, string][] {
  return [
    ['task list, newest first (page of 50)', '/api/v1/tasks'],
    [
      'filtered: client + open/in progress, soonest due',
      `/api/v1/tasks?clientId=${clientId}&status=open,in_progress&order=due`,
    ],
  ];
}

/** Runs every case with each count of `instances` (ascending); stops the instances after. */
export async function measureApi(
  env: NodeJS.ProcessEnv,
  token: string,
  setting: {
    instances: number[];
    cases: [string, string][];
    connections: number;
    duration: number;
    postmaster: number;
  },
  report: (figures: ApiFigures) => void,
): Promise<ApiFigures[]> {
  const running: ServeProcess[] = [];
  const all: ApiFigures[] = [];
  try {
    for (const count of [...setting.instances].sort((a, b) => a - b)) {
      while (running.length < count)
        running.push(await startApiInstance(env, `api-${running.length + 1}`));
      const pids = running.map((r) => r.child.pid ?? 0);
      const origins = running.map((r) => r.url);
      // Warm-up: each instance's JIT, pools and PostgreSQL's plan caches, unmeasured.
      await hammer(origins, setting.cases[0]?.[1] ?? '/api/v1/tasks', token, {
        connections: setting.connections,
        duration: 3,
      });
      for (const [label, path] of setting.cases) {
        const meter = cpuMeter({
          instances: () => cpuSeconds(pids),
          postgres: () => postgresCpuSeconds(setting.postmaster),
          client: () => cpuSeconds([process.pid]),
        });
        const { times, result } = await hammer(origins, path, token, setting);
        const used = meter.since();
        const total = result.requests.total || NaN;
        const perRequest = (seconds: number) => (seconds * 1000) / total;
        const figures: ApiFigures = {
          instances: count,
          label,
          requestsPerSecond: total / result.duration,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          errors: result.errors + result.timeouts + result.non2xx,
          cpuMs: {
            instances: perRequest(used.instances),
            postgres: perRequest(used.postgres),
            client: perRequest(used.client),
          },
          busyCores: used.machineBusyCores,
        };
        report(figures);
        all.push(figures);
      }
    }
  } finally {
    await Promise.all(running.map((r) => r.stop()));
  }
  return all;
}

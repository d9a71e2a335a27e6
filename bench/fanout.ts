/**
 * bench:fanout (issue 6): one content item to 30 real sites — 10 WordPress, 10 Ghost, 10 git,
 * each its own instance or repository — through the real runner and connectors, as
 * `sitedesk publish` does it. Prints the wall time of the fan-out against the serial time
 * (the same sites one at a time) and against the ideal `serial ÷ concurrency`; target ≤ 1.25×.
 *
 * Each measured run publishes a fresh item (new slug), so every publish creates a post; a
 * warm-up item first makes each site's first-use costs (git clone, tag creation, token) fall
 * outside the figures. Live-page checks are left out: they come after publishing.
 * Settings (environment): FANOUT_WORDPRESS, FANOUT_GHOST, FANOUT_GIT (default 10 each),
 * FANOUT_CONCURRENCY (default 8), FANOUT_ROUNDS (default 3; medians are reported),
 * FANOUT_LATENCY_MS (default 0): each site behind a proxy that waits this long per request,
 * as sites across the internet answer — then publishing waits on the network, not the CPU.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace, type Workspace } from '../src/cli/workspace.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { createRunner } from '../src/tasks/index.js';
import { registerFleet, startFleet, type Fleet } from '../test/integration/crash/fleet.js';

const count = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const counts = {
  wordpress: count('FANOUT_WORDPRESS', 10),
  ghost: count('FANOUT_GHOST', 10),
  git: count('FANOUT_GIT', 10),
};
const concurrency = count('FANOUT_CONCURRENCY', 8);
const rounds = Math.max(1, count('FANOUT_ROUNDS', 3));
const latencyMs = count('FANOUT_LATENCY_MS', 0);

interface RunResult {
  wallMs: number;
  /** CPU time of this process and of the git processes it ran, in ms. */
  cpuMs: { own: number; children: number };
  /** Job time (claimed → recorded) per site kind, in ms. */
  jobs: { kind: string; ms: number }[];
}

async function publishOnce(
  ws: Workspace,
  kinds: Map<string, string>,
  label: string,
  limit: number,
): Promise<RunResult> {
  const [client] = await ws.tasks.listClients();
  if (!client) throw new Error('no client');
  const slug = `fanout-${label}-${Date.now().toString(36)}`;
  const item = await ws.tasks.createContentItem(
    {
      clientId: client.id,
      title: `Fan-out ${label}`,
      slug,
      markdown: 'Weekly **menu**: soup, duck, strudel.',
      tags: ['menu'],
    },
    ws.actor,
  );
  const runner = createRunner(
    { concurrency: limit },
    { ...ws.tasks.deps, logger: createSilentLogger(), connectorFor: ws.connectorFor },
  );
  const cpuBefore = process.cpuUsage();
  const childrenBefore = childrenCpuMs();
  const began = Date.now();
  const { task } = await ws.tasks.requestPublish(
    { contentItemId: item.id, siteIds: [...kinds.keys()] },
    ws.actor,
  );
  await runner.runDue();
  const wallMs = Date.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = {
    own: Math.round((cpu.user + cpu.system) / 1000),
    children: childrenCpuMs() - childrenBefore,
  };
  const publications = await ws.tasks.listPublications({ taskId: task.id });
  const bad = publications.filter((p) => p.state !== 'published');
  if (bad.length)
    throw new Error(
      `${bad.length} publications not published: ${bad.map((p) => p.lastError).join('; ')}`,
    );
  const history = await ws.store.db
    .selectFrom('history')
    .select(['entity_id', 'action', 'at'])
    .where('task_id', '=', task.id)
    .where('entity', '=', 'publication')
    .where('action', 'in', ['attempt', 'published'])
    .execute();
  const jobs = publications.map((p) => {
    const at = (action: string) =>
      Date.parse(history.find((h) => h.entity_id === p.id && h.action === action)?.at ?? '');
    return { kind: kinds.get(p.siteId) ?? '?', ms: at('published') - at('attempt') };
  });
  return { wallMs, cpuMs, jobs };
}

/** CPU time of finished child processes (git), from /proc (Linux), in ms; 0 elsewhere. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // cutime and cstime are fields 16 and 17 of stat(5); after "pid (comm) " they are 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return 0;
  }
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const perKind = (jobs: RunResult['jobs']): string =>
  ['wordpress', 'ghost', 'git']
    .map((kind) => {
      const mine = jobs.filter((j) => j.kind === kind).map((j) => j.ms);
      return mine.length ? `${kind} ${Math.round(sum(mine) / mine.length)} ms/site` : '';
    })
    .filter(Boolean)
    .join(', ');

async function main(): Promise<void> {
  // Each test WordPress adds a process 'exit' guard; 10 of them are expected here.
  process.setMaxListeners(50);
  const dataDir = await mkdtemp(join(tmpdir(), 'sitedesk-fanout-'));
  const env = { SITEDESK_DATA_DIR: dataDir, SITEDESK_SECRET_STORE: 'file', USER: 'bench' };
  let fleet: Fleet | undefined;
  let ws: Workspace | undefined;
  const startedAt = Date.now();
  try {
    fleet = await startFleet(counts, { prefix: 'fanout', ghostParallel: 2, latencyMs });
    await registerFleet(env, fleet);
    ws = await openWorkspace(env);
    const sites = await ws.tasks.listSites();
    const kinds = new Map(sites.map((s) => [s.id, s.kind] as const));
    console.log(
      `bench:fanout — 1 item → ${sites.length} sites (${counts.wordpress} WordPress, ${counts.ghost} Ghost, ${counts.git} git; each its own instance or repository), concurrency ${concurrency}, ${rounds} round(s), medians${latencyMs ? `, ${latencyMs} ms network latency per request (delaying proxy per site)` : ''}`,
    );
    console.log(
      `  sites started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (wordpress ${fleet.startMs.wordpress} ms, ghost ${fleet.startMs.ghost} ms, git ${fleet.startMs.git} ms)`,
    );
    const warm = await publishOnce(ws, kinds, 'warmup', concurrency);
    console.log(`  warm-up (first use of every site): ${warm.wallMs} ms`);
    const serial: RunResult[] = [];
    const parallel: RunResult[] = [];
    for (let round = 0; round < rounds; round++) {
      serial.push(await publishOnce(ws, kinds, `serial${round}`, 1));
      parallel.push(await publishOnce(ws, kinds, `parallel${round}`, concurrency));
      console.log(
        `  round ${round + 1}: serial ${serial.at(-1)?.wallMs} ms, concurrent ${parallel.at(-1)?.wallMs} ms`,
      );
    }
    // The median round of each (by wall time) gives every figure, so they fit together.
    const medianRound = (runs: RunResult[]): RunResult =>
      [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)] ?? runs[0]!;
    const lastSerial = medianRound(serial);
    const lastParallel = medianRound(parallel);
    const serialMs = lastSerial.wallMs;
    const wallMs = lastParallel.wallMs;
    const ideal = serialMs / concurrency;
    console.log(`  serial (concurrency 1):  ${serialMs} ms   (${perKind(lastSerial.jobs)})`);
    console.log(
      `  concurrent (${concurrency}):         ${wallMs} ms   (${perKind(lastParallel.jobs)})`,
    );
    console.log(`  ideal serial ÷ ${concurrency}:        ${Math.round(ideal)} ms`);
    console.log(
      `  speed-up ${(serialMs / wallMs).toFixed(2)}×; wall ÷ ideal = ${(wallMs / ideal).toFixed(2)}× (target ≤ 1.25×)`,
    );
    const serialJobs = sum(lastSerial.jobs.map((j) => j.ms));
    const parallelJobs = sum(lastParallel.jobs.map((j) => j.ms));
    const lastWall = wallMs;
    console.log(
      `  each publish took ${(parallelJobs / Math.max(1, serialJobs)).toFixed(2)}× as long with ${concurrency} at once (job time summed: serial ${serialJobs} ms, concurrent ${parallelJobs} ms) on ${availableParallelism()} cores shared with the ${sites.length} servers`,
    );
    console.log(
      `  runner packing: wall ÷ (concurrent job time ÷ ${concurrency}) = ${(lastWall / (parallelJobs / concurrency)).toFixed(2)}× (1.00 = every slot busy all the time)`,
    );
    const cpu = lastParallel.cpuMs;
    console.log(
      `  CPU during the concurrent run: sitedesk ${cpu.own} ms, its git processes ${cpu.children} ms, of ${lastWall * availableParallelism()} ms available (the rest: the sites' servers and other load)`,
    );
  } finally {
    await ws?.close();
    await fleet?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * `npm run bench:ghost`: publishes 50 new posts through sitedesk's Ghost connector and 50 with
 * the official `@tryghost/admin-api` client doing the same work with the same payloads (the
 * idempotency lookup by slug, then the create with `?source=html`), interleaved, against the
 * same real Ghost (test/env/ghost). Prints the median time per publish of each, their ratio,
 * and HTTP requests per publish, counted the same way for both: each client talks to Ghost
 * through its own counting proxy (test/env/fault-proxy.ts with no faults). For scale it also
 * times a bare SDK create (one POST, no lookup: not idempotent). All warm up first.
 */
import { createRequire } from 'node:module';
import { createGhostConnector } from '../src/connectors/ghost/connector.js';
import { renderMarkdown } from '../src/content/markdown.js';
import { createMemorySecretStore } from '../src/secrets/memory-store.js';
import { systemClock } from '../src/shared/clock.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { startFaultProxy, type FaultProxy } from '../test/env/fault-proxy.js';
import { GHOST_VERSION, startGhost } from '../test/env/ghost/ghost-server.js';
import type { GhostAdminApi } from './ghost-admin-api.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 50);
const WARMUP = 3;
const createAdminApi = createRequire(import.meta.url)('@tryghost/admin-api') as (
  options: object,
) => GhostAdminApi;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const markdown = (i: number): string =>
  `## Offer ${i}\n\nFresh bread every **morning**, from 7 o'clock.\n\n- rye\n- spelt\n- sourdough\n\n[Order](https://example.com/order/${i})`;
const tags = (i: number): string[] => ['Offers', `Week ${i % 4}`];

const ghost = await startGhost();
const proxies: FaultProxy[] = [];
try {
  const viaSd = await startFaultProxy(ghost.url);
  const viaSdk = await startFaultProxy(ghost.url);
  proxies.push(viaSd, viaSdk);

  const secrets = createMemorySecretStore();
  await secrets.set('site:bench', ghost.adminKey);
  const connector = createGhostConnector(
    { id: 'bench', url: viaSd.url },
    { secrets, logger: createSilentLogger(), clock: systemClock },
  );
  const sdk = createAdminApi({ url: viaSdk.url, key: ghost.adminKey, version: 'v5.0' });

  const viaSitedesk = async (i: number, prefix = 'sd'): Promise<void> => {
    const result = await connector.publish({
      id: `${prefix}-${i}`,
      title: `Sitedesk post ${i}`,
      slug: `${prefix}-post-${i}`,
      markdown: markdown(i),
      excerpt: `Offer ${i}`,
      tags: tags(i),
      kind: 'post',
    });
    if (!result.created) throw new Error(`${prefix}-post-${i} was not created`);
  };
  const viaSdkClient = async (i: number, prefix = 'sdk', lookup = true): Promise<void> => {
    const slug = `${prefix}-post-${i}`;
    if (lookup) {
      const found = await sdk.posts.browse({ filter: `slug:'${slug}'`, limit: 1 });
      if (found.length > 0) throw new Error(`${slug} already exists`);
    }
    const post = await sdk.posts.add(
      {
        title: `SDK post ${i}`,
        slug,
        html: renderMarkdown(markdown(i)),
        custom_excerpt: `Offer ${i}`,
        tags: tags(i).map((name) => ({ name })),
        status: 'published',
      },
      { source: 'html' },
    );
    if (post.slug !== slug) throw new Error(`${slug}: created as ${post.slug}`);
  };

  for (let i = 0; i < WARMUP; i++) {
    await viaSitedesk(i, 'warm-sd');
    await viaSdkClient(i, 'warm-sdk');
  }
  viaSd.requests.splice(0);
  viaSdk.requests.splice(0);

  const times = { sitedesk: [] as number[], sdk: [] as number[] };
  const timed = async (list: number[], run: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    await run();
    list.push(performance.now() - started);
  };
  for (let i = 0; i < COUNT; i++) {
    // Alternate who goes first so neither always meets a warmer or busier server.
    const pair = [
      () => timed(times.sitedesk, () => viaSitedesk(i)),
      () => timed(times.sdk, () => viaSdkClient(i)),
    ];
    if (i % 2) pair.reverse();
    for (const run of pair) await run();
  }
  const sdRequests = viaSd.requests.length / COUNT;
  const sdkRequests = viaSdk.requests.length / COUNT;
  const byMethod = (proxy: FaultProxy) =>
    Object.entries(
      proxy.requests.reduce<Record<string, number>>(
        (acc, r) => ({ ...acc, [r.method]: (acc[r.method] ?? 0) + 1 }),
        {},
      ),
    )
      .map(([method, n]) => `${method} ${n / COUNT}`)
      .join(', ');
  const sdMethods = byMethod(viaSd);
  const sdkMethods = byMethod(viaSdk);

  viaSdk.requests.splice(0);
  const bare: number[] = [];
  for (let i = 0; i < COUNT; i++) await timed(bare, () => viaSdkClient(i, 'bare', false));

  const sdMedian = median(times.sitedesk);
  const sdkMedian = median(times.sdk);
  const fmt = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;
  console.log(
    `Ghost ${GHOST_VERSION} on ${ghost.url} — ${COUNT} new posts each, interleaved, after ${WARMUP} warm-up publishes each`,
  );
  console.log(
    `  sitedesk Ghost connector      median ${fmt(sdMedian)}   requests/publish ${sdRequests.toFixed(2)} (${sdMethods})`,
  );
  console.log(
    `  @tryghost/admin-api (same)    median ${fmt(sdkMedian)}   requests/publish ${sdkRequests.toFixed(2)} (${sdkMethods})`,
  );
  // Each pair ran back to back, so its ratio is less exposed to load that drifts over the run.
  const paired = median(times.sitedesk.map((ms, i) => ms / (times.sdk[i] ?? ms)));
  console.log(
    `  ratio sitedesk / SDK          ${(sdMedian / sdkMedian).toFixed(2)}   (median of paired ratios ${paired.toFixed(2)}; target <= 1.00)`,
  );
  console.log(
    `  for scale: bare SDK add only  median ${fmt(median(bare))}   requests/publish ${(viaSdk.requests.length / COUNT).toFixed(2)} (no lookup: not idempotent)`,
  );
  console.log(`  requests per new post         ${sdRequests.toFixed(2)}   (target <= 2)`);
  if (sdRequests > 2) process.exitCode = 1;
} finally {
  for (const proxy of proxies) await proxy.stop();
  await ghost.stop();
}

/**
 * `npm run bench:wordpress`: publishes 50 new posts through sitedesk's WordPress connector and
 * 50 with raw `fetch` sending the same requests with the same payloads (the idempotency
 * lookup by slug, then the create), interleaved, against the same real WordPress
 * (test/env/wordpress). Prints the median time per publish of each, their ratio — the cost of
 * sitedesk's layers (api-fetch, retry/timeout middlewares, zod, rendering) — and HTTP requests
 * per publish. For scale it also times a bare create (one POST, no lookup: not idempotent).
 * All warm up first (sitedesk's one-time REST root discovery is not a publish).
 */
import { createWordPressConnector } from '../src/connectors/wordpress/connector.js';
import { renderMarkdown } from '../src/content/markdown.js';
import { createMemorySecretStore } from '../src/secrets/memory-store.js';
import { systemClock } from '../src/shared/clock.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { startWordPress } from '../test/env/wordpress/start.js';

const COUNT = Number(process.env.BENCH_COUNT ?? 50);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const markdown = (i: number): string =>
  `## Offer ${i}\n\nFresh bread every **morning**, from 7 o'clock.\n\n- rye\n- spelt\n- sourdough\n\n[Order](https://example.com/order/${i})`;

const wp = await startWordPress();
try {
  const secrets = createMemorySecretStore();
  await secrets.set('site:bench', wp.appPassword);
  const calls: string[] = [];
  const countingFetch = (input: string, init: RequestInit): Promise<Response> => {
    calls.push(`${init.method ?? 'GET'} ${input}`);
    return fetch(input, init);
  };
  const connector = createWordPressConnector(
    { id: 'bench', url: wp.url, settings: { username: wp.username } },
    { secrets, logger: createSilentLogger(), clock: systemClock, fetch: countingFetch },
  );
  const authorization = `Basic ${Buffer.from(`${wp.username}:${wp.appPassword}`).toString('base64')}`;

  const viaSitedesk = async (i: number): Promise<void> => {
    const result = await connector.publish({
      id: `sd-${i}`,
      title: `Sitedesk post ${i}`,
      slug: `sd-post-${i}`,
      markdown: markdown(i),
      excerpt: `Offer ${i}`,
      kind: 'post',
    });
    if (!result.created) throw new Error(`sd-post-${i} was not created`);
  };
  const fields = 'id,status,link,slug,date_gmt';
  const viaRawFetch = async (i: number, slug = `raw-post-${i}`, lookup = true): Promise<void> => {
    if (lookup) {
      const found = await fetch(
        `${wp.url}/wp-json/wp/v2/posts?slug=${slug}&status=any&context=edit&_fields=${fields}`,
        { headers: { Authorization: authorization } },
      );
      if (!found.ok || ((await found.json()) as unknown[]).length > 0)
        throw new Error(`${slug}: lookup failed or found`);
    }
    const response = await fetch(`${wp.url}/wp-json/wp/v2/posts?_fields=${fields}`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: `Raw post ${i}`,
        slug,
        content: renderMarkdown(markdown(i)),
        excerpt: `Offer ${i}`,
        status: 'publish',
      }),
    });
    if (response.status !== 201) throw new Error(`${slug}: HTTP ${response.status}`);
    await response.arrayBuffer();
  };
  const viaBareCreate = (i: number): Promise<void> => viaRawFetch(i, `bare-post-${i}`, false);

  await viaSitedesk(COUNT);
  await viaRawFetch(COUNT);
  await viaBareCreate(COUNT);
  const sitedeskMs: number[] = [];
  const rawMs: number[] = [];
  const bareMs: number[] = [];
  const requests: number[] = [];
  for (let i = 0; i < COUNT; i += 1) {
    let started = performance.now();
    const before = calls.length;
    await viaSitedesk(i);
    sitedeskMs.push(performance.now() - started);
    requests.push(calls.length - before);
    started = performance.now();
    await viaRawFetch(i);
    rawMs.push(performance.now() - started);
    started = performance.now();
    await viaBareCreate(i);
    bareMs.push(performance.now() - started);
  }

  const sd = median(sitedeskMs);
  const raw = median(rawMs);
  console.log(`WordPress ${wp.url} — ${COUNT} new posts each, interleaved`);
  console.log(
    `sitedesk publish:                           median ${sd.toFixed(1)} ms (min ${Math.min(...sitedeskMs).toFixed(1)}, max ${Math.max(...sitedeskMs).toFixed(1)})`,
  );
  console.log(
    `raw fetch, same requests (lookup + create): median ${raw.toFixed(1)} ms (min ${Math.min(...rawMs).toFixed(1)}, max ${Math.max(...rawMs).toFixed(1)})`,
  );
  console.log(`ratio sitedesk/raw: ${(sd / raw).toFixed(2)}`);
  console.log(
    `HTTP requests per new post: sitedesk ${median(requests)} (max ${Math.max(...requests)}), raw 2`,
  );
  const bare = median(bareMs);
  console.log(
    `for scale — bare create, 1 request, not idempotent: median ${bare.toFixed(1)} ms; sitedesk/bare ${(sd / bare).toFixed(2)}`,
  );
} finally {
  await wp.stop();
}

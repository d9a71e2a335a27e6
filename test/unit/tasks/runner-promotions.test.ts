// Promotions through the runner with in-memory connectors (a mock, said so: no real site can
// be told "pretend you schedule natively"); store, transactions and the fake clock are real.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type {
  Capability,
  Connector,
  ContentItem,
  PublishOptions,
  RemoteRef,
} from '../../../src/connectors/types.js';
import { RemoteError } from '../../../src/shared/errors.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { appendHistory } from '../../../src/store/index.js';
import { createRunner, type Site } from '../../../src/tasks/index.js';
import { anna, createHarness, type Harness } from './helpers.js';

const HOUR = 3_600_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/**
 * A site that answers like Ghost: a scheduled post's `url` is its private preview link. With
 * `missed.times`, it keeps the post scheduled that many times after being asked to publish it
 * (WordPress whose WP-Cron never ran and that did not take the post live).
 */
function fakeSite(
  native: boolean,
  log: string[],
  failUnpublish = { times: 0 },
  missed = { times: 0 },
) {
  return (site: Site): Connector =>
    ({
      kind: site.kind,
      capabilities: new Set<Capability>(
        native ? ['posts', 'nativeScheduling', 'unpublish'] : ['posts', 'unpublish'],
      ),
      async publish(item: ContentItem, options: PublishOptions = {}) {
        log.push(`${site.name} publish ${options.status ?? 'published'}`);
        const status = missed.times-- > 0 ? 'scheduled' : (options.status ?? 'published');
        return {
          remoteId: `${site.name}-1`,
          url: status === 'scheduled' ? `${site.url}/p/4f1c-preview/` : `${site.url}/${item.slug}/`,
          status,
          created: true,
        };
      },
      async unpublish(ref: RemoteRef) {
        if (failUnpublish.times-- > 0) {
          throw new RemoteError(
            'remote_unavailable',
            { method: 'POST', url: site.url, status: 502 },
            'bad gateway',
            { retryable: true },
          );
        }
        log.push(`${site.name} unpublish ${ref.remoteId} ${ref.kind}`);
      },
    }) as unknown as Connector;
}

it('holds or schedules a promotion until it starts and takes it down when it ends', async () => {
  const client = await h.tasks.createClient({ name: 'Florist', timezone: 'Europe/Prague' }, anna);
  const native = await h.tasks.createSite(
    { clientId: client.id, name: 'ghosty', kind: 'ghost', url: 'https://g.example.cz' },
    anna,
  );
  const held = await h.tasks.createSite(
    { clientId: client.id, name: 'static', kind: 'git', url: 'https://s.example.cz' },
    anna,
  );
  const log: string[] = [];
  const failUnpublish = { times: 1 };
  const connectors = new Map([
    [native.id, fakeSite(true, log)],
    [held.id, fakeSite(false, log, failUnpublish)],
  ]);
  const runner = createRunner(
    {},
    {
      ...h.tasks.deps,
      logger: createSilentLogger(),
      connectorFor: (site) => (connectors.get(site.id) as (s: Site) => Connector)(site),
    },
  );
  const now = h.clock.now();
  const item = await h.tasks.createContentItem(
    {
      clientId: client.id,
      kind: 'promotion',
      title: 'Tulips -20 %',
      slug: 'tulips',
      markdown: 'All week.',
      startsAt: new Date(now + HOUR).toISOString(),
      endsAt: new Date(now + 3 * HOUR).toISOString(),
    },
    anna,
  );
  const { task } = await h.tasks.requestPublish(
    { contentItemId: item.id, siteIds: [native.id, held.id] },
    anna,
  );
  const states = async () =>
    (await h.tasks.listPublications({ taskId: task.id })).map((p) => p.state);

  await runner.runDue();
  expect(log).toEqual(['ghosty publish scheduled', 'static publish scheduled']);
  expect(await states()).toEqual(['scheduled', 'scheduled']);
  const before = await h.tasks.listPublications({ taskId: task.id });
  expect(before.map((p) => p.url)).toEqual([null, null]); // never the preview link
  expect((await h.tasks.getTask(task.id)).task.status).toBe('scheduled');

  // At the start every site is asked again, the natively scheduling one too: its own
  // scheduler is not trusted, its answer is.
  await h.clock.advance(HOUR);
  await runner.runDue();
  expect(log.slice(2).sort()).toEqual(['ghosty publish published', 'static publish published']);
  expect(await states()).toEqual(['published', 'published']);
  const live = await h.tasks.listPublications({ taskId: task.id });
  expect(live.map((p) => p.url)).toEqual([
    'https://g.example.cz/tulips/',
    'https://s.example.cz/tulips/',
  ]);
  // Live until its end: not done yet.
  expect((await h.tasks.getTask(task.id)).task.status).toBe('scheduled');

  await h.clock.advance(2 * HOUR);
  await runner.runDue();
  expect(log.slice(4)).toEqual(['ghosty unpublish ghosty-1 post']);
  const [, failed] = await h.tasks.listPublications({ taskId: task.id });
  expect(failed).toMatchObject({
    state: 'published',
    lastError: expect.stringContaining('Taking down failed'),
  });
  // Its end has passed, but one site still shows it: not done.
  expect((await h.tasks.getTask(task.id)).task.status).toBe('scheduled');

  await h.clock.advance(60_000);
  await runner.runDue();
  expect(log.slice(5)).toEqual(['static unpublish static-1 post']);
  expect(await states()).toEqual(['unpublished', 'unpublished']);
  const ended = await h.tasks.getTask(task.id);
  expect(ended.task.status).toBe('done');
  expect((await h.tasks.listPublications({ taskId: task.id })).map((p) => p.url)).toEqual([
    null,
    null,
  ]);
  expect(ended.history.map((e) => e.action)).toEqual(
    expect.arrayContaining(['start_reached', 'ended', 'end_failed']),
  );
});

it('publishes a promotion itself when the site kept it scheduled past its start', async () => {
  const client = await h.tasks.createClient({ name: 'Bakery', timezone: 'Europe/Prague' }, anna);
  const wp = await h.tasks.createSite(
    { clientId: client.id, name: 'wp', kind: 'wordpress', url: 'https://w.example.cz' },
    anna,
  );
  const log: string[] = [];
  const missed = { times: 0 };
  const runner = createRunner(
    { baseDelayMs: 1000, maxDelayMs: 1000 },
    {
      ...h.tasks.deps,
      logger: createSilentLogger(),
      random: () => 0.5,
      connectorFor: (site) => fakeSite(true, log, { times: 0 }, missed)(site),
    },
  );
  const now = h.clock.now();
  const item = await h.tasks.createContentItem(
    {
      clientId: client.id,
      kind: 'promotion',
      title: 'Bread',
      slug: 'bread',
      markdown: 'Fresh.',
      startsAt: new Date(now + HOUR).toISOString(),
    },
    anna,
  );
  const { task } = await h.tasks.requestPublish({ contentItemId: item.id, siteIds: [wp.id] }, anna);
  await runner.runDue();
  missed.times = 1; // the site's scheduler missed it, and the first publish did not take
  await h.clock.advance(HOUR);
  await runner.runDue();
  const [waiting] = await h.tasks.listPublications({ taskId: task.id });
  expect(waiting).toMatchObject({ state: 'pending', url: null });
  expect(waiting?.lastError).toContain('kept the post scheduled');

  await h.clock.advance(5_000);
  await runner.runDue();
  const [live] = await h.tasks.listPublications({ taskId: task.id });
  expect(live).toMatchObject({ state: 'published', url: 'https://w.example.cz/bread/' });
  expect(log).toEqual(['wp publish scheduled', 'wp publish published', 'wp publish published']);
  // No end: done once live.
  expect((await h.tasks.getTask(task.id)).task.status).toBe('done');
});

it('hides a preview link an older version recorded in the history, keeps a live address', async () => {
  const client = await h.tasks.createClient({ name: 'Old', timezone: 'Europe/Prague' }, anna);
  const ghost = await h.tasks.createSite(
    { clientId: client.id, name: 'g', kind: 'ghost', url: 'https://g.example.cz' },
    anna,
  );
  const item = await h.tasks.createContentItem(
    { clientId: client.id, title: 'Old', slug: 'old', markdown: 'x' },
    anna,
  );
  const { task } = await h.tasks.requestPublish(
    { contentItemId: item.id, siteIds: [ghost.id] },
    anna,
  );
  const [publication] = await h.tasks.listPublications({ taskId: task.id });
  const at = new Date(h.clock.now()).toISOString();
  for (const [state, url] of [
    ['scheduled', 'https://g.example.cz/p/4f1c-preview/'],
    ['published', 'https://g.example.cz/old/'],
  ] as const)
    await appendHistory(h.tasks.deps.db, h.tasks.deps.newId, {
      entity: 'publication',
      entityId: publication?.id ?? '',
      taskId: task.id,
      action: 'published',
      actor: 'runner',
      at,
      changes: { siteId: ghost.id, state, url },
    });
  const history = JSON.stringify((await h.tasks.getTask(task.id)).history);
  expect(history).not.toContain('/p/');
  expect(history).toContain('https://g.example.cz/old/');
});

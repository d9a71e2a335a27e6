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
import { createRunner, type Site } from '../../../src/tasks/index.js';
import { anna, createHarness, type Harness } from './helpers.js';

const HOUR = 3_600_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

function fakeSite(native: boolean, log: string[], failUnpublish = { times: 0 }) {
  return (site: Site): Connector =>
    ({
      kind: site.kind,
      capabilities: new Set<Capability>(
        native ? ['posts', 'nativeScheduling', 'unpublish'] : ['posts', 'unpublish'],
      ),
      async publish(item: ContentItem, options: PublishOptions = {}) {
        log.push(`${site.name} publish ${options.status ?? 'published'}`);
        return {
          remoteId: `${site.name}-1`,
          url: `${site.url}/${item.slug}/`,
          status: options.status ?? 'published',
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

  await h.clock.advance(HOUR);
  await runner.runDue();
  expect(log.slice(2)).toEqual(['static publish published']); // held back by sitedesk, now live
  expect(await states()).toEqual(['published', 'published']);

  await h.clock.advance(2 * HOUR);
  await runner.runDue();
  expect(log.slice(3)).toEqual(['ghosty unpublish ghosty-1 post']);
  const [, failed] = await h.tasks.listPublications({ taskId: task.id });
  expect(failed).toMatchObject({
    state: 'published',
    lastError: expect.stringContaining('Taking down failed'),
  });

  await h.clock.advance(60_000);
  await runner.runDue();
  expect(log.slice(4)).toEqual(['static unpublish static-1 post']);
  expect(await states()).toEqual(['unpublished', 'unpublished']);
  expect((await h.tasks.getTask(task.id)).history.map((e) => e.action)).toEqual(
    expect.arrayContaining(['went_live', 'start_reached', 'ended', 'end_failed']),
  );
});

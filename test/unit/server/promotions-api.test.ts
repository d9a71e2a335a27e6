/**
 * Promotions and schedules through the real API (issue 23): a promotion's preview says when it
 * is shown, in the client's time, under headings that read right; a text without a slug gets
 * the readable one of its title; a rule that never fires and a broken cron line are a 400
 * naming the field, in sentences rather than the libraries' words; a live promotion is listed
 * "live until …" for the agency and its client until its take-down is done.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ContentItem } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner } from '../../../src/tasks/index.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const agency = () => ({ Authorization: h.secretaryToken });

async function previewOf(body: Record<string, unknown>): Promise<string> {
  const item = await request(h.http)
    .post('/api/v1/content-items')
    .set(agency())
    .send({ clientId: h.clientA.id, markdown: 'All week.', ...body })
    .expect(201);
  const preview = await request(h.http)
    .post(`/api/v1/content-items/${item.body.id}/previews`)
    .set(agency())
    .send({})
    .expect(201);
  return String(preview.body.url);
}

describe('the preview of a promotion', () => {
  it('shows its start and end in the client’s time, in English and Czech', async () => {
    const url = await previewOf({
      kind: 'promotion',
      title: 'Velikonoční nabídka',
      slug: 'velikonocni-nabidka',
      startsAt: '2026-04-01T06:00:00Z', // 08:00 in Prague (summer time)
      endsAt: '2026-04-08T18:00:00Z',
    });
    const en = await request(h.http).get(url).expect(200);
    expect(en.text).toContain(
      'Shown from 1 April 2026 at 08:00 until 8 April 2026 at 20:00 (Europe/Prague time).',
    );
    const cs = await request(h.http).get(`${url}?lang=cs`).expect(200);
    expect(cs.text).toContain(
      'Zobrazí se od 1. dubna 2026 v 8:00 do 8. dubna 2026 v 20:00 (čas Europe/Prague).',
    );
  });

  it('has headings that read right for each kind of site, and no window for a plain post', async () => {
    const url = await previewOf({ title: 'Spring menu', slug: 'spring-menu-preview' });
    const en = await request(h.http).get(url).expect(200);
    expect(en.text).toContain('On a WordPress site');
    expect(en.text).toContain('On a Ghost site');
    expect(en.text).toContain('On the static site (Git)');
    expect(en.text).not.toContain('site (Git) site');
    expect(en.text).not.toContain('class="window"');
    const cs = await request(h.http).get(`${url}?lang=cs`).expect(200);
    expect(cs.text).toContain('Na statickém webu (Git)');
    expect(cs.text).not.toContain('Na webu typu');
  });
});

describe('a text without a slug', () => {
  it('gets the readable slug of its title', async () => {
    const made = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({ clientId: h.clientA.id, title: 'Týdenní speciality', markdown: 'Polévka.' })
      .expect(201);
    expect(made.body.slug).toBe('tydenni-speciality');
    const bad = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({ clientId: h.clientA.id, title: 'x', slug: 'Týdenní', markdown: 'x' })
      .expect(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.slug']);
  });
});

describe('a schedule’s rule', () => {
  const schedule = (rule: { kind: string; expression: string }) =>
    request(h.http)
      .post('/api/v1/schedules')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        name: 'Leap menu',
        rule,
        template: { title: 'Menu {{date}}', slug: 'menu-{{date}}', markdown: 'Menu' },
        siteIds: [h.siteA.id],
      });

  it('that can never fire is a 400 naming the field, in a sentence', async () => {
    const res = await schedule({
      kind: 'rrule',
      expression: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      {
        path: 'body.rule.expression',
        message:
          'This rule never comes round: February never has a day 30. Choose a day the month has.',
      },
    ]);
  });

  it('in cron with a wrong field is told in our words, not cron-parser’s', async () => {
    const res = await schedule({ kind: 'cron', expression: '0 25 * * *' });
    expect(res.status).toBe(400);
    const [detail] = res.body.error.details as { path: string; message: string }[];
    expect(detail?.path).toBe('body.rule.expression');
    expect(detail?.message).toMatch(/^This cron line’s second field \(the hour\) is "25"/);
    expect(JSON.stringify(res.body)).not.toMatch(/Constraint|expected range/);
  });
});

// A site stand-in (said so: the real sites are in test/integration/tasks/promotion-window.test.ts)
// that answers as a site whose post went live, and takes it down when asked.
const site = (taken: string[]): Connector =>
  ({
    kind: 'wordpress',
    capabilities: new Set(['posts', 'nativeScheduling', 'unpublish']),
    publish: async (item: ContentItem) => ({
      remoteId: '7',
      url: `https://a.example/${item.slug}/`,
      status: 'published',
      created: true,
    }),
    unpublish: async (ref: { remoteId: string }) => void taken.push(ref.remoteId),
  }) as unknown as Connector;

describe('a live promotion', () => {
  it('is listed live until its end, for the agency and its client, then done', async () => {
    const taken: string[] = [];
    const runner = createRunner(
      {},
      { ...h.tasks.deps, logger: createSilentLogger(), connectorFor: () => site(taken) },
    );
    const now = h.clock.now();
    const endsAt = new Date(now + 3_600_000).toISOString();
    const item = await h.tasks.createContentItem(
      {
        clientId: h.clientA.id,
        kind: 'promotion',
        title: 'Tulips',
        markdown: 'All week.',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt,
      },
      { actor: 'seed' },
    );
    const { task } = await h.tasks.requestPublish(
      { contentItemId: item.id, siteIds: [h.siteA.id] },
      { actor: 'seed' },
    );
    await runner.runDue();

    const live = await request(h.http).get('/api/v1/promotions/live').set(agency()).expect(200);
    expect(live.body.items).toEqual([
      expect.objectContaining({
        taskId: task.id,
        title: 'Tulips',
        endsAt,
        sites: [{ siteId: h.siteA.id, url: 'https://a.example/tulips/' }],
      }),
    ]);
    const ofB = await request(h.http)
      .get(`/api/v1/promotions/live?clientId=${h.clientB.id}`)
      .set(agency())
      .expect(200);
    expect(ofB.body.items).toEqual([]);
    const mine = async () =>
      (
        await request(h.http).get('/api/v1/client/tasks').set('Authorization', h.linkA).expect(200)
      ).body.items.find((x: { id: string }) => x.id === task.id);
    expect(await mine()).toMatchObject({ status: 'scheduled', endsAt, sites: [{ state: 'live' }] });

    await h.clock.advance(3_600_000);
    await runner.runDue();
    expect(taken).toEqual(['7']);
    const after = await request(h.http).get('/api/v1/promotions/live').set(agency()).expect(200);
    expect(after.body.items).toEqual([]);
    expect(await mine()).toMatchObject({ status: 'done', endsAt, sites: [{ state: 'ended' }] });
  });
});

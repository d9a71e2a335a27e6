// The regions API (issue 23) on the real app, store, service and runner. The site behind it is
// a stand-in that keeps its pages in memory and finds regions with the real marker code
// (src/content/regions.ts): no remote server runs in unit tests (the real sites are in
// test/integration/regions).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceRegion } from '../../../src/content/regions.js';
import { readPageRegion, scanPage } from '../../../src/connectors/region-scan.js';
import type { Connector, RegionScan } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner, type Site } from '../../../src/tasks/index.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';

const pages = new Map<string, { title: string; html: string }>([
  [
    '1',
    {
      title: 'Contact',
      html: '<p>Hi</p><!-- sitedesk:opening-hours --><p>Mon 9–5</p><!-- /sitedesk:opening-hours --><p>Bye</p>',
    },
  ],
  ['2', { title: 'Menu', html: '<!-- sitedesk:menu --><p>Soup</p>' }],
  ['3', { title: 'Odd', html: '<!-- sitedesk:Opening_Hours --><!-- /sitedesk:Opening_Hours -->' }],
]);
const writes: string[] = [];

function standIn(site: Site): Connector {
  const unused = () => Promise.reject(new Error('not used in these tests'));
  const page = (ref: string) => ({
    ref,
    kind: 'page' as const,
    title: pages.get(ref)?.title ?? '',
  });
  return {
    kind: site.kind,
    capabilities: new Set(['regions']),
    verify: () => Promise.resolve({ ok: true, checks: [] }),
    publish: unused,
    unpublish: unused,
    delete: unused,
    uploadMedia: unused,
    async discoverRegions() {
      const scan: RegionScan = { regions: [], problems: [] };
      for (const [ref, p] of pages) scanPage(scan, page(ref), p.html, 'html');
      return scan;
    },
    async readRegion(ref, name) {
      const p = pages.get(ref.remoteId);
      if (!p) throw new Error('gone');
      return readPageRegion(page(ref.remoteId), p.html, name, 'html', p.html);
    },
    async updateRegion(ref, name, html) {
      const p = pages.get(ref.remoteId);
      if (!p) throw new Error('gone');
      const next = replaceRegion(p.html, name, html);
      if (next !== p.html) writes.push(`${ref.remoteId}:${name}`);
      p.html = next;
    },
  };
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ connectorFor: standIn });
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const agency = () => ({ Authorization: h.secretaryToken });
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);

async function discover() {
  const res = await request(h.http)
    .post(`/api/v1/sites/${h.siteA.id}/regions/discover`)
    .set(agency())
    .expect(200);
  return res.body as {
    regions: { id: string; name: string; status: string; content: string; label: string }[];
    problems: { pageRef: string; code: string; message: string }[];
  };
}

describe('regions API', () => {
  it('discovers a site’s regions, remembers them per client, and reports broken markers', async () => {
    const found = await discover();
    expect(found.regions.map((r) => [r.name, r.status])).toEqual([
      ['opening-hours', 'ok'],
      ['menu', 'broken'],
    ]);
    expect(found.regions[0]).toMatchObject({
      label: 'Opening hours',
      content: 'Mon 9–5',
      siteName: h.siteA.name,
      page: { ref: '1', title: 'Contact' },
    });
    expect(found.problems.map((p) => [p.pageRef, p.code])).toEqual([
      ['2', 'region_broken'],
      ['3', 'region_name_invalid'],
    ]);
    expect(found.problems[0]?.message).toMatch(
      /Nothing on the page was changed\. In WordPress, edit “Menu”, add a Custom HTML block/,
    );
    const listed = await request(h.http)
      .get(`/api/v1/clients/${h.clientA.id}/regions`)
      .set(agency())
      .expect(200);
    expect(listed.body.regions.map((r: { name: string }) => r.name).sort()).toEqual([
      'menu',
      'opening-hours',
    ]);
    const other = await request(h.http)
      .get(`/api/v1/clients/${h.clientB.id}/regions`)
      .set(agency())
      .expect(200);
    expect(other.body.regions).toEqual([]);
    // Discovering again keeps the ids.
    expect((await discover()).regions.map((r) => r.id)).toEqual(found.regions.map((r) => r.id));
  });

  it('reads one live, renames it, previews the page, and updates it once through the outbox', async () => {
    const [hours] = (await discover()).regions;
    if (!hours) throw new Error('no region');
    const live = await request(h.http).get(`/api/v1/regions/${hours.id}`).set(agency()).expect(200);
    expect(live.body).toMatchObject({ id: hours.id, status: 'ok', content: 'Mon 9–5' });
    const renamed = await request(h.http)
      .patch(`/api/v1/regions/${hours.id}`)
      .set(agency())
      .send({ label: 'Otevírací doba' })
      .expect(200);
    expect(renamed.body.label).toBe('Otevírací doba');

    const preview = await request(h.http)
      .post('/api/v1/regions/preview')
      .set(agency())
      .send({ regionIds: [hours.id], content: '**Mon–Sat** 8–6 <script>x()</script>' })
      .expect(200);
    expect(preview.body.pages).toHaveLength(1);
    expect(preview.body.pages[0].html).toContain('<p>Hi</p>');
    expect(preview.body.pages[0].html).toContain('<strong>Mon–Sat</strong> 8–6');
    expect(preview.body.pages[0].html).not.toContain('script');
    expect(pages.get('1')?.html).toContain('Mon 9–5');

    const update = await request(h.http)
      .post('/api/v1/regions/update')
      .set(agency())
      .send({ regionIds: [hours.id], content: '**Mon–Sat** 8–6' })
      .expect(201);
    expect(update.body.unchanged).toEqual([]);
    const runner = createRunner(
      {},
      { ...h.tasks.deps, logger: createSilentLogger(), connectorFor: standIn },
    );
    await runner.runDue();
    expect(pages.get('1')?.html).toBe(
      '<p>Hi</p><!-- sitedesk:opening-hours --><p><strong>Mon–Sat</strong> 8–6</p><!-- /sitedesk:opening-hours --><p>Bye</p>',
    );
    const task = await request(h.http)
      .get(`/api/v1/tasks/${update.body.taskId}`)
      .set(agency())
      .expect(200);
    expect(task.body.task.status).toBe('done');
    const after = await request(h.http)
      .get(`/api/v1/regions/${hours.id}`)
      .set(agency())
      .expect(200);
    expect(after.body).toMatchObject({
      content: '**Mon–Sat** 8–6',
      lastTaskId: update.body.taskId,
    });
    expect(after.body.updatedAt).toBeDefined();

    // The preview link shows where the text goes, never a post of its own.
    const link = await request(h.http)
      .post(`/api/v1/content-items/${update.body.contentItemId}/previews`)
      .set(agency())
      .send({ taskId: update.body.taskId })
      .expect(201);
    const shown = await request(h.http).get(link.body.url).expect(200);
    expect(shown.text).toContain(`“Otevírací doba” on the page “Contact” of ${h.siteA.name}`);
    expect(shown.text).toContain('<strong>Mon–Sat</strong> 8–6');
    expect(shown.text).not.toContain('<h1>');

    const again = await request(h.http)
      .post('/api/v1/regions/update')
      .set(agency())
      .send({ regionIds: [hours.id], content: '**Mon–Sat** 8–6' })
      .expect(201);
    expect(again.body.unchanged).toEqual([hours.id]);
    await runner.runDue();
    expect(writes.filter((w) => w === '1:opening-hours')).toHaveLength(1);
  });

  it('answers 400 naming the field, 404 for unknown ids, 409 for broken markers; saves nothing then', async () => {
    const { regions } = await discover();
    const menu = regions.find((r) => r.name === 'menu');
    if (!menu) throw new Error('no menu');
    const before = await rowCounts(h);
    const bad = await request(h.http)
      .post('/api/v1/regions/update')
      .set(agency())
      .send({ regionIds: [], content: '  ' })
      .expect(400);
    expect(paths(bad).sort()).toEqual(['body.content', 'body.regionIds']);
    await request(h.http)
      .get('/api/v1/regions/01HZZZZZZZZZZZZZZZZZZZZZZZ')
      .set(agency())
      .expect(404);
    await request(h.http)
      .post('/api/v1/regions/update')
      .set(agency())
      .send({ regionIds: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'], content: 'x' })
      .expect(404);
    await request(h.http)
      .patch(`/api/v1/regions/${menu.id}`)
      .set(agency())
      .send({ label: '' })
      .expect(400);
    const broken = await request(h.http)
      .post('/api/v1/regions/update')
      .set(agency())
      .send({ regionIds: [menu.id], content: 'Goulash' })
      .expect(409);
    expect(broken.body.error.code).toBe('region_broken');
    expect(broken.body.error.message).toMatch(/Custom HTML block/);
    await request(h.http)
      .post('/api/v1/regions/preview')
      .set(agency())
      .send({ regionIds: [menu.id], content: 'Goulash' })
      .expect(409);
    await request(h.http)
      .post(`/api/v1/sites/01HZZZZZZZZZZZZZZZZZZZZZZZ/regions/discover`)
      .set(agency())
      .expect(404);
    expect(await rowCounts(h)).toEqual(before);
  });

  it('refuses a region content item without regionIds, and regionIds on other kinds (400 naming the field)', async () => {
    const base = { clientId: h.clientA.id, title: 'Hours', slug: 'hours', markdown: 'Mon' };
    const none = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({ ...base, kind: 'region' })
      .expect(400);
    expect(paths(none), JSON.stringify(none.body)).toEqual(['body.regionIds']);
    const post = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({ ...base, kind: 'post', regionIds: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'] })
      .expect(400);
    expect(paths(post)).toEqual(['body.regionIds']);
    const unknown = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({ ...base, kind: 'region', regionIds: ['01HZZZZZZZZZZZZZZZZZZZZZZZ'] })
      .expect(400);
    // Checked by the service against the database (its issues name the field without `body.`).
    expect(paths(unknown)).toEqual(['regionIds.0']);
    const schedule = await request(h.http)
      .post('/api/v1/schedules')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        name: 'Hours',
        rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=7' },
        template: { kind: 'region', title: 'Hours', slug: 'hours', markdown: 'Mon' },
      })
      .expect(400);
    expect(paths(schedule)).toEqual(['body.target.regionIds']);
  });
});

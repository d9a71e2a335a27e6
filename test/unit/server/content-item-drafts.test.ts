// Issue 15, "nothing lost": a change names the revision it was made on and an older one is
// refused with the other version; a draft keeps its chosen sites and publish time; drafts,
// scheduled and published texts are listed apart. Real app, store, runner and routes; the
// connector is hand-made so a publication can be made live without a remote site.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner } from '../../../src/tasks/index.js';
import { assertNoLeak, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h, [h.uploadDir]);
  await h.close();
});

const agency = () => ({ Authorization: h.secretaryToken });
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);

async function create(body: Record<string, unknown>) {
  const res = await request(h.http)
    .post('/api/v1/content-items')
    .set(agency())
    .send({ clientId: h.clientA.id, title: 'Menu', markdown: 'Soup', ...body })
    .expect(201);
  return res.body as { id: string; revision: number; siteIds: string[]; publishAt: string | null };
}

const patch = (id: string, body: Record<string, unknown>) =>
  request(h.http).patch(`/api/v1/content-items/${id}`).set(agency()).send(body);

describe('PATCH /api/v1/content-items/:id with baseRevision', () => {
  it('counts revisions up and refuses a change made on an older one, with the current version', async () => {
    const item = await create({ slug: 'rev-menu' });
    expect(item.revision).toBe(1);
    // Tab one saves on revision 1: accepted, now 2.
    const first = await patch(item.id, { markdown: 'Soup and salad', baseRevision: 1 }).expect(200);
    expect(first.body.revision).toBe(2);
    // Tab two still shows revision 1: refused, nothing changed, tab one's text comes back.
    const second = await patch(item.id, { markdown: 'Only bread', baseRevision: 1 }).expect(409);
    expect(second.body.error.code).toBe('edit_conflict');
    expect(second.body.current).toMatchObject({
      id: item.id,
      revision: 2,
      markdown: 'Soup and salad',
    });
    expect((await h.tasks.getContentItem(item.id)).markdown).toBe('Soup and salad');
    // Choosing to keep her own version: saved on the revision she was shown.
    const kept = await patch(item.id, { markdown: 'Only bread', baseRevision: 2 }).expect(200);
    expect(kept.body).toMatchObject({ revision: 3, markdown: 'Only bread' });
    // A change that changes nothing is no new revision.
    const same = await patch(item.id, { markdown: 'Only bread', baseRevision: 3 }).expect(200);
    expect(same.body.revision).toBe(3);
    // Without baseRevision (older API callers) the change is taken as before.
    await patch(item.id, { title: 'Menu of the day' }).expect(200);
  });

  it('refuses a bad revision with a 400 naming it', async () => {
    const item = await create({ slug: 'rev-bad' });
    for (const baseRevision of [0, 'one', 1.5])
      expect(paths(await patch(item.id, { baseRevision }).expect(400))).toEqual([
        'body.baseRevision',
      ]);
  });

  it('keeps the chosen sites and publish time with the draft, of the item’s client only', async () => {
    const item = await create({
      slug: 'plan',
      siteIds: [h.siteA.id],
      publishAt: '2030-05-01T09:00:00+02:00',
    });
    expect(item.siteIds).toEqual([h.siteA.id]);
    expect(item.publishAt).toBe('2030-05-01T07:00:00.000Z');
    const cleared = await patch(item.id, { siteIds: [], publishAt: null }).expect(200);
    expect(cleared.body).toMatchObject({ siteIds: [], publishAt: null });
    const read = await request(h.http)
      .get(`/api/v1/content-items/${item.id}`)
      .set(agency())
      .expect(200);
    expect(read.body).toMatchObject({ siteIds: [], publishAt: null });
    // Another client's site is refused, by field, on create and on change.
    expect(paths(await patch(item.id, { siteIds: [h.siteB.id] }).expect(400))).toEqual([
      'siteIds.0',
    ]);
    const other = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        title: 'x',
        slug: 'x',
        markdown: 'x',
        siteIds: [h.siteB.id],
      })
      .expect(400);
    expect(paths(other)).toEqual(['siteIds.0']);
    expect(paths(await patch(item.id, { publishAt: 'tomorrow' }).expect(400))).toEqual([
      'body.publishAt',
    ]);
  });
});

describe('GET /api/v1/content-items?state=', () => {
  it('lists drafts, scheduled and published texts apart', async () => {
    const list = async (state: string) =>
      (
        await request(h.http)
          .get(`/api/v1/content-items?clientId=${h.clientA.id}&state=${state}&limit=200`)
          .set(agency())
          .expect(200)
      ).body.items.map((i: { slug: string }) => i.slug) as string[];
    const draft = await create({ slug: 'state-draft' });
    // Scheduled the way the editor does it: the text starts (goes out) later.
    const later = await create({ slug: 'state-later', startsAt: '2099-01-01T08:00:00Z' });
    const live = await create({ slug: 'state-live' });
    await h.tasks.requestPublish(
      { contentItemId: later.id, siteIds: [h.siteA.id], dueAt: '2099-01-01T08:00:00Z' },
      { actor: 'sec' },
    );
    await h.tasks.requestPublish(
      { contentItemId: live.id, siteIds: [h.siteA.id] },
      { actor: 'sec' },
    );
    const connector = {
      kind: 'wordpress',
      capabilities: new Set(),
      // As a site does: a text that starts in the future is scheduled there, not live.
      publish: async (_item: unknown, options?: { status?: string }) => ({
        remoteId: '9',
        url: 'https://a.example/state/',
        status: options?.status === 'scheduled' ? 'scheduled' : 'published',
        created: true,
      }),
    } as unknown as Connector;
    const runner = createRunner(
      {},
      { ...h.tasks.deps, logger: createSilentLogger(), connectorFor: () => connector },
    );
    await runner.runDue();
    const [drafts, scheduled, published] = await Promise.all(
      ['draft', 'scheduled', 'published'].map(list),
    );
    expect(drafts).toContain('state-draft');
    expect(draft.revision).toBe(1);
    expect(drafts).not.toContain('state-later');
    expect(drafts).not.toContain('state-live');
    console.log({ drafts, scheduled, published });
    expect(scheduled).toContain('state-later');
    expect(scheduled).not.toContain('state-draft');
    expect(published).toContain('state-live');
    expect(published).not.toContain('state-later');
    expect(
      paths(
        await request(h.http).get('/api/v1/content-items?state=gone').set(agency()).expect(400),
      ),
    ).toEqual(['query.state']);
  });
});

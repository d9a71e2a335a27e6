// The thread through the HTTP API: a client's request with an image → the secretary's text
// for it (the image put in) → sent for approval → changes asked → revised and sent again →
// approved, published at once → live → the request closes by itself. Routes, store,
// transactions and runner are the real ones; the site is a hand-made connector that answers
// at once (the real WordPress, Ghost and git sites walk this thread in test/e2e/thread.test.ts).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ContentItem } from '../../../src/connectors/types.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createRunner, type Runner } from '../../../src/tasks/index.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';
import { PNG } from './image-bytes.js';

let h: Harness;
let runner: Runner;
const sent: ContentItem[] = [];
beforeAll(async () => {
  h = await createHarness();
  const connector = {
    kind: 'wordpress',
    capabilities: new Set(),
    publish: async (item: ContentItem) => {
      sent.push(item);
      return { remoteId: '7', url: 'https://a.example/spring/', status: 'published' };
    },
  } as unknown as Connector;
  runner = createRunner(
    {},
    { ...h.tasks.deps, logger: createSilentLogger(), connectorFor: () => connector },
  );
});
afterAll(async () => {
  assertNoLeak(h, [h.uploadDir]);
  await h.close();
});

const agency = () => ({ Authorization: h.secretaryToken });
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);
const clientTasks = async (link: string) =>
  (await request(h.http).get('/api/v1/client/tasks').set('Authorization', link).expect(200)).body
    .items as Record<string, unknown>[];

describe('one thread: request, text, approval, live', () => {
  let requestId: string;
  let itemId: string;
  let taskId: string;
  let imageLine: string;

  it('makes a text for a client request, with the request’s image put in', async () => {
    const sentRequest = await request(h.http)
      .post('/api/v1/client/requests')
      .set('Authorization', h.linkA)
      .field('request', 'Please put the spring menu on the site')
      .attach('images', PNG, { filename: 'menu.png', contentType: 'image/png' })
      .expect(201);
    requestId = sentRequest.body.id;
    const upload = await request(h.http)
      .post(`/api/v1/tasks/${requestId}/attachments/0/upload`)
      .set(agency())
      .expect(201);
    expect(upload.body).toMatchObject({ contentType: 'image/png', bytes: PNG.length });
    expect(JSON.stringify(upload.body)).not.toContain(h.uploadDir);
    const text = await request(h.http)
      .post(`/api/v1/tasks/${requestId}/text`)
      .set(agency())
      .send({
        title: 'Spring menu',
        slug: 'spring-menu',
        markdown: `Soups every day.\n\n![menu](${upload.body.filename})`,
        images: [{ uploadId: upload.body.id, alt: 'menu' }],
      })
      .expect(201);
    itemId = text.body.item.id;
    imageLine = `![menu](${upload.body.filename})`;
    expect(text.body.item).toMatchObject({ clientId: h.clientA.id, title: 'Spring menu' });
    expect(text.body.request).toMatchObject({ status: 'in_progress', contentItemId: itemId });
    // One text per request: a second one is a conflict, and nothing is saved.
    const before = await rowCounts(h);
    const again = await request(h.http)
      .post(`/api/v1/tasks/${requestId}/text`)
      .set(agency())
      .send({ title: 'Other', slug: 'other', markdown: 'x' })
      .expect(409);
    expect(again.body.error.message).toContain(itemId);
    expect(await rowCounts(h)).toEqual(before);
  });

  it('refuses bad approval requests by field, saving nothing', async () => {
    const before = await rowCounts(h);
    const otherSite = await request(h.http)
      .post(`/api/v1/content-items/${itemId}/approval`)
      .set(agency())
      .send({ siteIds: [h.siteB.id] })
      .expect(400);
    expect(paths(otherSite)).toEqual(['siteIds.0']);
    const unknown = await request(h.http)
      .post(`/api/v1/content-items/${itemId}/approval`)
      .set(agency())
      .send({ siteIds: [h.siteA.id], publishNow: true })
      .expect(400);
    expect(paths(unknown)).toEqual(['body.publishNow']);
    await request(h.http)
      .post(`/api/v1/content-items/${h.clientA.id}/approval`)
      .set(agency())
      .send({ siteIds: [h.siteA.id] })
      .expect(404);
    // A client link reaches none of the agency's thread routes.
    await request(h.http)
      .post(`/api/v1/content-items/${itemId}/approval`)
      .set('Authorization', h.linkA)
      .send({ siteIds: [h.siteA.id] })
      .expect(403);
    expect(await rowCounts(h)).toEqual(before);
  });

  it('sends the text for approval; the client sees round 1 with the note, on her request', async () => {
    const res = await request(h.http)
      .post(`/api/v1/content-items/${itemId}/approval`)
      .set(agency())
      .send({ siteIds: [h.siteA.id], note: 'Is the price right?', publishWhenApproved: true })
      .expect(201);
    taskId = res.body.id;
    expect(res.body).toMatchObject({
      kind: 'publish',
      status: 'waiting_client',
      details: { requestTaskId: requestId, approval: { round: 1, state: 'waiting' } },
    });
    const mine = await clientTasks(h.linkA);
    expect(mine.find((t) => t.id === taskId)).toMatchObject({
      requestId,
      contentTitle: 'Spring menu',
      approval: { round: 1, state: 'waiting', note: 'Is the price right?' },
      sites: [{ name: h.siteA.name, state: 'waiting' }],
    });
    expect(JSON.stringify(mine)).not.toContain('sentBy');
    // Another client sees nothing of it and cannot decide on it.
    expect((await clientTasks(h.linkB)).map((t) => t.id)).not.toContain(taskId);
    await request(h.http)
      .post(`/api/v1/client/tasks/${taskId}/decision`)
      .set('Authorization', h.linkB)
      .send({ decision: 'approve' })
      .expect(404);
    const thread = await request(h.http)
      .get(`/api/v1/content-items/${itemId}/thread`)
      .set(agency())
      .expect(200);
    expect(thread.body).toMatchObject({ request: { id: requestId }, task: { id: taskId } });
  });

  it('changes asked → revised → round 2 says what changed', async () => {
    await request(h.http)
      .post(`/api/v1/client/tasks/${taskId}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'reject', comment: 'Soup is 45 CZK, not 40' })
      .expect(200);
    const { task, history } = await h.tasks.getTask(taskId);
    expect(task.status).toBe('in_progress');
    expect(task.kind === 'publish' && task.details.approval).toMatchObject({
      state: 'changes',
      comment: 'Soup is 45 CZK, not 40',
    });
    expect(history.at(-1)?.changes).toMatchObject({ decision: 'reject', round: 1 });
    await request(h.http)
      .patch(`/api/v1/content-items/${itemId}`)
      .set(agency())
      .send({ markdown: `Soups every day: 45 CZK.\n\n${imageLine}` })
      .expect(200);
    await request(h.http)
      .post(`/api/v1/content-items/${itemId}/approval`)
      .set(agency())
      .send({ siteIds: [h.siteA.id], publishWhenApproved: true })
      .expect(201);
    const mine = await clientTasks(h.linkA);
    expect(mine.find((t) => t.id === taskId)).toMatchObject({
      status: 'waiting_client',
      approval: {
        round: 2,
        state: 'waiting',
        changes: { added: ['Soups every day: 45 CZK.'], removed: ['Soups every day.'] },
      },
    });
  });

  it('approved → published at once → live → the request closes by itself', async () => {
    await request(h.http)
      .post(`/api/v1/client/tasks/${taskId}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'approve', comment: 'Perfect' })
      .expect(200);
    expect((await h.tasks.getTask(taskId)).task.status).toBe('scheduled');
    await runner.runDue();
    expect(sent.map((i) => i.markdown)).toEqual([expect.stringContaining('45 CZK')]);
    expect((await h.tasks.getTask(taskId)).task.status).toBe('done');
    const closed = await h.tasks.getTask(requestId);
    expect(closed.task.status).toBe('done');
    expect(closed.history.at(-1)?.changes).toMatchObject({ reason: 'thread-live' });
    const mine = await clientTasks(h.linkA);
    expect(mine.find((t) => t.id === taskId)).toMatchObject({
      status: 'done',
      sites: [{ name: h.siteA.name, state: 'live', url: 'https://a.example/spring/' }],
    });
  });

  it('publishing the text again updates the same task and the same post', async () => {
    const again = await request(h.http)
      .post('/api/v1/publish')
      .set(agency())
      .send({ contentItemId: itemId, siteIds: [h.siteA.id] })
      .expect(201);
    expect(again.body.task.id).toBe(taskId);
    expect(again.body.publications).toHaveLength(1);
    await runner.runDue();
    expect(sent).toHaveLength(2);
    const { publications, task } = await h.tasks.getTask(taskId);
    expect(task.status).toBe('done');
    expect(publications.map((p) => [p.state, p.remoteId])).toEqual([['published', '7']]);
  });

  it('a text without a request is sent for approval the same way; approval without publishing waits for the secretary', async () => {
    const made = await request(h.http)
      .post('/api/v1/content-items')
      .set(agency())
      .send({
        clientId: h.clientA.id,
        title: 'Weekly menu',
        slug: 'weekly-menu',
        markdown: 'Mon: soup',
      })
      .expect(201);
    const task = await request(h.http)
      .post(`/api/v1/content-items/${made.body.id}/approval`)
      .set(agency())
      .send({ siteIds: [h.siteA.id] })
      .expect(201);
    expect(task.body.details.requestTaskId).toBeUndefined();
    expect(task.body.details.approval).toMatchObject({ round: 1, publishWhenApproved: false });
    const seen = (await clientTasks(h.linkA)).find((t) => t.id === task.body.id);
    expect(seen).toMatchObject({ contentTitle: 'Weekly menu', approval: { round: 1 } });
    expect(seen?.requestId).toBeUndefined();
    await request(h.http)
      .post(`/api/v1/client/tasks/${task.body.id}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'approve' })
      .expect(200);
    const { task: approved, publications } = await h.tasks.getTask(task.body.id);
    expect(approved.status).toBe('approved');
    expect(publications).toEqual([]);
    // Deciding twice is a conflict in her words, not a crash.
    const twice = await request(h.http)
      .post(`/api/v1/client/tasks/${task.body.id}/decision`)
      .set('Authorization', h.linkA)
      .send({ decision: 'approve' })
      .expect(409);
    expect(twice.body.error.message).toContain('not waiting for your decision');
  });
});

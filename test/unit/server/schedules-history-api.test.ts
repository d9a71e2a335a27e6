import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const paths = (res: request.Response): string[] =>
  (res.body.error?.details ?? []).map((d: { path: string }) => d.path);

async function weekly(name: string) {
  const res = await request(h.http)
    .post('/api/v1/schedules')
    .set(agency())
    .send({
      clientId: h.clientA.id,
      name,
      rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0' },
      template: { title: 'Menu {{date}}', slug: 'menu-{{date}}', markdown: 'Menu' },
      siteIds: [h.siteA.id],
    })
    .expect(201);
  return String(res.body.schedule.id);
}

describe('PATCH /api/v1/schedules/:id', () => {
  it('changes the rule, template and catch-up; the next runs are recomputed in the client’s time', async () => {
    const id = await weekly('Menu');
    const res = await request(h.http)
      .patch(`/api/v1/schedules/${id}`)
      .set(agency())
      .send({
        name: 'Friday menu',
        rule: { kind: 'cron', expression: '30 7 * * 5' },
        template: { title: 'Fri {{date}}', slug: 'fri-{{date}}', markdown: 'Fish' },
        catchUp: 'none',
      })
      .expect(200);
    expect(res.body.schedule).toMatchObject({
      name: 'Friday menu',
      rule: { kind: 'cron', expression: '30 7 * * 5' },
      catchUp: 'none',
    });
    // The harness clock is at 2026-03-04 08:00 UTC (a Wednesday); Prague is UTC+1 in March.
    expect(res.body.upcoming.slice(0, 2).map((r: { local: string }) => r.local)).toEqual([
      expect.stringMatching(/Mar 6, 2026, 07:30/),
      expect.stringMatching(/Mar 13, 2026, 07:30/),
    ]);
    expect(res.body.schedule.nextRunAt).toBe('2026-03-06T06:30:00.000Z');
    const bad = await request(h.http)
      .patch(`/api/v1/schedules/${id}`)
      .set(agency())
      .send({ rule: { kind: 'cron', expression: 'every day' }, siteIds: [h.siteB.id] })
      .expect(400);
    expect(paths(bad)).toEqual(['body.rule.expression']);
    const other = await request(h.http)
      .patch(`/api/v1/schedules/${id}`)
      .set(agency())
      .send({ siteIds: [h.siteB.id] })
      .expect(400);
    expect(other.body.error.details).toEqual([
      { path: 'siteIds.0', message: 'this site belongs to another client' },
    ]);
    const order = await request(h.http)
      .patch(`/api/v1/schedules/${id}`)
      .set(agency())
      .send({ endsAt: '2020-01-01T00:00:00Z' })
      .expect(400);
    expect(paths(order)).toEqual(['endsAt']);
  });
});

describe('DELETE /api/v1/schedules/:id', () => {
  it('deletes the schedule; the tasks it made stay, unlinked', async () => {
    const id = await weekly('Soon');
    await request(h.http)
      .post(`/api/v1/schedules/${id}/texts`)
      .set(agency())
      .send({ date: '2026-03-09', text: 'Goulash' })
      .expect(200);
    await h.clock.advance(6 * 86_400_000);
    const report = await h.tasks.dispatchDueSchedules();
    const made = report.dispatched.find((d) => d.scheduleId === id);
    expect(made).toBeDefined();
    await request(h.http).delete(`/api/v1/schedules/${id}`).set(agency()).expect(204);
    await request(h.http).get(`/api/v1/schedules/${id}`).set(agency()).expect(404);
    const { task } = await h.tasks.getTask(made!.taskId);
    expect(task).toMatchObject({ source: 'schedule', scheduleId: null });
    const history = await request(h.http)
      .get(`/api/v1/history?taskId=${task.id}`)
      .set(agency())
      .expect(200);
    expect(history.body.items.at(-1).action).toBe('created');
    await request(h.http).delete(`/api/v1/schedules/${id}`).set(agency()).expect(404);
  });
});

describe('GET /api/v1/history', () => {
  it('pages newest first and filters by client, task and time', async () => {
    await h.clock.advance(1000);
    const since = new Date(h.clock.now()).toISOString();
    const a = await h.tasks.createTask(
      { kind: 'site-edit', clientId: h.clientA.id, details: { request: 'A' } },
      { actor: 'sec' },
    );
    await h.tasks.updateTask(a.id, { priority: 'high' }, { actor: 'sec' });
    const b = await h.tasks.createTask(
      { kind: 'site-edit', clientId: h.clientB.id, details: { request: 'B' } },
      { actor: 'sec' },
    );
    const recent = await request(h.http)
      .get(`/api/v1/history?since=${since}&limit=2`)
      .set(agency())
      .expect(200);
    expect(recent.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([b.id, a.id]);
    const next = await request(h.http)
      .get(`/api/v1/history?since=${since}&limit=2&cursor=${String(recent.body.nextCursor)}`)
      .set(agency())
      .expect(200);
    expect(next.body.items.map((e: { action: string }) => e.action)).toEqual(['created']);
    expect(next.body.nextCursor).toBeUndefined();
    const ofB = await request(h.http)
      .get(`/api/v1/history?clientId=${h.clientB.id}`)
      .set(agency())
      .expect(200);
    const ids = ofB.body.items.map((e: { entityId: string }) => e.entityId);
    expect(ids).toContain(b.id);
    expect(ids).toContain(h.clientB.id);
    expect(ids).toContain(h.siteB.id);
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(h.clientA.id);
    const bad = await request(h.http)
      .get('/api/v1/history?since=yesterday&limit=1000')
      .set(agency())
      .expect(400);
    expect(paths(bad).sort()).toEqual(['query.limit', 'query.since']);
  });
});

describe('GET /api/v1/publications', () => {
  it('pages with limit and cursor, oldest first', async () => {
    const item = await h.tasks.createContentItem(
      { clientId: h.clientA.id, title: 'P', slug: 'p', markdown: 'x' },
      { actor: 'sec' },
    );
    const site2 = await h.tasks.createSite(
      { clientId: h.clientA.id, name: 'Two', kind: 'git', url: 'https://two.example' },
      { actor: 'sec' },
    );
    const { task, publications } = await h.tasks.requestPublish(
      { contentItemId: item.id, siteIds: [h.siteA.id, site2.id] },
      { actor: 'sec' },
    );
    const first = await request(h.http)
      .get(`/api/v1/publications?taskId=${task.id}&limit=1`)
      .set(agency())
      .expect(200);
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual([publications[0]!.id]);
    const second = await request(h.http)
      .get(`/api/v1/publications?taskId=${task.id}&limit=1&cursor=${String(first.body.nextCursor)}`)
      .set(agency())
      .expect(200);
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual([publications[1]!.id]);
    expect(second.body.nextCursor).toBeUndefined();
  });
});

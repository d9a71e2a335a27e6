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

const as = (auth: string) => ({ Authorization: auth });

describe('PUT /api/v1/schedules/:id/enabled', () => {
  it('pauses and resumes a schedule: GET shows it, the history records both', async () => {
    const created = await request(h.http)
      .post('/api/v1/schedules')
      .set(as(h.secretaryToken))
      .send({
        clientId: h.clientA.id,
        name: 'Weekly menu',
        rule: { kind: 'rrule', expression: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0' },
        template: { title: 'Menu {{date}}', slug: 'menu-{{date}}', markdown: 'Menu: {{text}}' },
        siteIds: [h.siteA.id],
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.schedule.id;
    expect(created.body.schedule.enabled).toBe(true);

    const paused = await request(h.http)
      .put(`/api/v1/schedules/${id}/enabled`)
      .set(as(h.secretaryToken))
      .send({ enabled: false })
      .expect(200);
    expect(paused.body.schedule.enabled).toBe(false);
    const afterPause = await request(h.http)
      .get(`/api/v1/schedules/${id}`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(afterPause.body.schedule.enabled).toBe(false);

    const resumed = await request(h.http)
      .put(`/api/v1/schedules/${id}/enabled`)
      .set(as(h.secretaryToken))
      .send({ enabled: true })
      .expect(200);
    expect(resumed.body.schedule.enabled).toBe(true);
    const afterResume = await request(h.http)
      .get(`/api/v1/schedules/${id}`)
      .set(as(h.secretaryToken))
      .expect(200);
    expect(afterResume.body.schedule.enabled).toBe(true);
    expect(afterResume.body.upcoming.length).toBeGreaterThan(0);

    const history = await h.store.db
      .selectFrom('history')
      .select('action')
      .where('entity', '=', 'schedule')
      .where('entity_id', '=', id)
      .where('action', 'in', ['enabled', 'disabled'])
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(history.map((r) => r.action)).toEqual(['disabled', 'enabled']);
  });

  it('answers 404 for an unknown schedule and 400 for a non-boolean', async () => {
    const missing = await request(h.http)
      .put(`/api/v1/schedules/${h.clientA.id}/enabled`)
      .set(as(h.secretaryToken))
      .send({ enabled: false })
      .expect(404);
    expect(missing.body.error.code).toEqual(expect.any(String));
    const bad = await request(h.http)
      .put(`/api/v1/schedules/${h.clientA.id}/enabled`)
      .set(as(h.secretaryToken))
      .send({ enabled: 'no' })
      .expect(400);
    expect(bad.body.error.details[0].path).toBe('body.enabled');
  });

  it('is listed in the OpenAPI document', async () => {
    const doc = await request(h.http).get('/api/openapi.json').expect(200);
    expect(doc.body.paths['/api/v1/schedules/{id}/enabled']?.put).toBeDefined();
  });
});

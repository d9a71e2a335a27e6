/**
 * Promotions and schedules through the real API (issue 23): a promotion's preview says when it
 * is shown, in the client's time, under headings that read right; a text without a slug gets
 * the readable one of its title; a rule that never fires and a broken cron line are a 400
 * naming the field, in sentences rather than the libraries' words.
 */
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

// GET /api/v1/metrics on the real app: only an administrator gets it; the text parses with a
// real Prometheus text parser and holds publications by state and site kind, attempt
// outcomes, queue age, schedule lag, mail intake per mailbox and the HTTP latency histogram.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
const as = (header: string) => ({ authorization: header });

beforeAll(async () => {
  h = await createHarness();
  const item = await request(h.http)
    .post('/api/v1/content-items')
    .set(as(h.secretaryToken))
    .send({ clientId: h.clientA.id, title: 'Spring menu', slug: 'spring-menu', markdown: 'Bread.' })
    .expect(201);
  await request(h.http)
    .post('/api/v1/publish')
    .set(as(h.secretaryToken))
    .send({ contentItemId: item.body.id, siteIds: [h.siteA.id] })
    .expect(201);
});
afterAll(async () => {
  await h?.close();
});

describe('GET /api/v1/metrics', () => {
  it('answers nobody but an administrator', async () => {
    await request(h.http).get('/api/v1/metrics').expect(401);
    await request(h.http).get('/api/v1/metrics').set(as(h.secretaryToken)).expect(403);
    await request(h.http).get('/api/v1/metrics').set(as(h.linkA)).expect(403);
  });

  it('is Prometheus text a real parser reads, with the figures of this installation', async () => {
    // The queue's oldest item is 90 s old when scraped.
    await h.clock.advance(90_000);
    const res = await request(h.http).get('/api/v1/metrics').set(as(h.adminToken)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = new Map(parsePrometheusTextFormat(res.text).map((f) => [f.name, f]));

    const publications = families.get('sitedesk_publications');
    expect(publications?.type).toBe('GAUGE');
    expect(publications?.metrics).toEqual([
      { labels: { state: 'pending', site_kind: 'wordpress' }, value: '1' },
    ]);
    const attempts = families.get('sitedesk_publication_attempts_total');
    expect(attempts?.type).toBe('COUNTER');
    expect(attempts?.metrics.map((m) => m.labels?.outcome).sort()).toEqual([
      'failed',
      'published',
      'retry_scheduled',
      'updated',
    ]);
    expect(Number(families.get('sitedesk_publish_queue_age_seconds')?.metrics[0]?.value)).toBe(90);
    expect(families.get('sitedesk_schedule_lag_seconds')?.metrics[0]?.value).toBe('0');
    expect(families.get('sitedesk_mail_intake_lag_seconds')?.type).toBe('GAUGE');

    // The requests above were timed, by route pattern (never by raw URL).
    const latency = families.get('sitedesk_http_request_duration_seconds');
    expect(latency?.type).toBe('HISTOGRAM');
    // parse-prometheus-text-format 1.1 folds a labelled histogram into one bucket map (it
    // only knows unlabelled ones), so the per-route counts are read from the _count series
    // given to the same parser as a counter of its own.
    const countName = 'sitedesk_http_request_duration_seconds_count';
    const counts = parsePrometheusTextFormat(
      [
        `# TYPE ${countName} counter`,
        ...res.text.split('\n').filter((line) => line.startsWith(`${countName}{`)),
        '',
      ].join('\n'),
    )[0]?.metrics;
    expect(counts).toContainEqual({
      labels: { method: 'POST', route: '/api/v1/publish', status: '201' },
      value: '1',
    });
    expect(counts).toContainEqual({
      labels: { method: 'GET', route: '/api/v1/metrics', status: '403' },
      value: '2',
    });
    expect(Number(latency?.metrics[0]?.buckets?.['+Inf'])).toBeGreaterThan(0);
    expect(res.text).not.toContain(h.linkA.replace('Bearer ', ''));
  });
});

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../../../src/server/api/define.js';
import { assertNoLeak, createHarness, rowCounts, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  assertNoLeak(h);
  await h.close();
});

const HUGE = 'x'.repeat(300_000);
// Path segments as sent (already percent-encoded): too short, bidi override, far too long,
// full-width look-alikes, a NUL, a traversal; then bytes that are not UTF-8 at all.
const ODD_IDS = [
  'x',
  '01HZZZZZZZZZZZZZZZZZZZZZZ\u202E',
  '0'.repeat(10_000),
  'Ｏ1ＨＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺＺ',
  '01HZZZZZZZZZZZZZZZZZZZZZ\u0000Z',
  '../../etc/passwd',
].map(encodeURIComponent);
const BROKEN_IDS = ['%ED%A0%80'.repeat(26), '%FF%FE'];

interface Case {
  name: string;
  path?: string;
  query?: string;
  body?: string | object;
  contentType?: string;
  status?: number;
  detail?: RegExp;
}

function authFor(route: ApiRoute): Record<string, string> {
  if (route.spec.access === 'client') return { Authorization: h.linkA };
  if (route.spec.access === 'public') return {};
  return { Authorization: h.adminToken };
}

function casesFor(route: ApiRoute): Case[] {
  const { spec } = route;
  const cases: Case[] = [];
  const hasId = spec.path.includes(':id');
  if (hasId || spec.path.includes(':token')) {
    const param = hasId ? 'id' : 'token';
    for (const odd of ODD_IDS)
      cases.push({
        name: `odd ${param} ${odd.slice(0, 16)}`,
        path: spec.path.replace(`:${param}`, odd),
        detail: new RegExp(`^params\\.${param}$`),
      });
    for (const broken of BROKEN_IDS)
      cases.push({
        name: `broken encoding ${broken.slice(0, 9)}`,
        path: spec.path.replace(`:${param}`, broken),
      });
  }
  cases.push({ name: 'unknown query key', query: 'bogus=1', detail: /^query\.bogus$/ });
  cases.push({
    name: '__proto__ in the query',
    query: '__proto__=1',
    detail: /^query\.__proto__$/,
  });
  cases.push({
    name: 'constructor in the query',
    query: 'constructor[prototype]=1',
    detail: /^query\.constructor/,
  });
  if (spec.method === 'get') return cases;
  if (!spec.body) {
    cases.push({ name: 'a body it does not take', body: 'hello', contentType: 'text/plain' });
    return cases;
  }
  // A create names the first missing field; a change with nothing in it names the body.
  if (!spec.body.safeParse({}).success)
    cases.push({ name: 'missing fields', body: {}, detail: /^body(\.|$)/ });
  cases.push({ name: 'an array instead of an object', body: [], detail: /^body$/ });
  cases.push({ name: 'an unknown field', body: '{"unexpectedField":1}', detail: /^body(\.|$)/ });
  cases.push({
    name: '__proto__ key',
    body: '{"__proto__":{"admin":true}}',
    detail: /^body\.__proto__$/,
  });
  cases.push({
    name: 'nested constructor key',
    body: '{"a":{"constructor":{"prototype":{"x":1}}}}',
    detail: /^body\.a\.constructor/,
  });
  cases.push({
    name: 'wrong content type',
    body: 'name=x',
    contentType: 'application/x-www-form-urlencoded',
    detail: /^body$/,
  });
  cases.push({ name: 'text/plain JSON', body: '{}', contentType: 'text/plain', detail: /^body$/ });
  cases.push({ name: 'malformed JSON', body: '{"a":', contentType: 'application/json' });
  cases.push({
    name: 'a bare JSON string',
    body: '"just a string"',
    contentType: 'application/json',
  });
  cases.push({
    name: 'over the body limit',
    body: JSON.stringify({ x: 'y'.repeat(1_100_000) }),
    contentType: 'application/json',
    status: 413,
  });
  // Every top-level field of the body gets a wrong type and a huge string in turn.
  const shape: Record<string, { safeParse(v: unknown): { success: boolean } }> =
    'shape' in spec.body && typeof spec.body.shape === 'object' && spec.body.shape
      ? (spec.body.shape as never)
      : {};
  for (const [field, schema] of Object.entries(shape)) {
    const wrong = [{ nested: [1, 2] }, 12345.5, true, 'not-this', null].find(
      (v) => !schema.safeParse(v).success,
    );
    if (wrong !== undefined)
      cases.push({
        name: `${field}: wrong type ${JSON.stringify(wrong)}`,
        body: { [field]: wrong },
        detail: /^body\./,
      });
    cases.push({ name: `${field}: huge string`, body: { [field]: HUGE }, detail: /^body(\.|$)/ });
  }
  return cases;
}

async function send(route: ApiRoute, c: Case) {
  const path = (c.path ?? route.spec.path)
    .replace(':id', h.clientA.id)
    .replace(':token', `sdp_${'a'.repeat(43)}`);
  const url = c.query ? `${path}?${c.query}` : path;
  let req = request(h.http)[route.spec.method](url).set(authFor(route));
  if (c.body !== undefined) {
    if (typeof c.body === 'string')
      req = req.set('Content-Type', c.contentType ?? 'application/json').send(c.body);
    else req = req.send(c.body);
  }
  return req;
}

describe('bad input on every route → 400 naming the field, nothing saved, no stack', () => {
  it('covers every route', () => {
    expect(h.app.locals.routes?.length).toBeGreaterThan(40);
  });

  it('refuses every bad request of every route', async () => {
    const routes = (h.app.locals.routes ?? []).filter((r) => r.spec.path !== '/api/v1/events');
    let checked = 0;
    for (const route of routes) {
      const before = await rowCounts(h);
      for (const c of casesFor(route)) {
        const res = await send(route, c);
        const label = `${route.spec.method.toUpperCase()} ${route.spec.path}: ${c.name} → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, label).toBe(c.status ?? 400);
        expect(res.body?.error?.code, label).toEqual(expect.any(String));
        expect(res.text, label).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/work\//);
        if (c.detail) {
          const paths = (res.body.error.details ?? []).map((d: { path: string }) => d.path);
          expect(
            paths.some((p: string) => c.detail?.test(p)),
            `${label}\npaths: ${paths.join(', ')}`,
          ).toBe(true);
        }
        checked++;
      }
      expect(await rowCounts(h), `${route.spec.method} ${route.spec.path} saved something`).toEqual(
        before,
      );
    }
    expect(checked).toBeGreaterThan(300);
    // Several hundred requests in one test: 5 s on a quiet machine, half a minute when the two
    // cores also run other test files and servers; the limit is for a hang, not for speed.
  }, 180_000);

  it('refuses look-alike enum values and odd unicode where the service needs exact values', async () => {
    const before = await rowCounts(h);
    const res = await request(h.http)
      .post('/api/v1/tasks')
      .set('Authorization', h.adminToken)
      .send({
        clientId: h.clientA.id,
        kind: 'c\u0430ll',
        details: { caller: 'x', number: '1', at: 'now' },
      })
      .expect(400);
    expect(res.body.error.details[0].path).toBe('body.kind');
    const tz = await request(h.http)
      .post('/api/v1/clients')
      .set('Authorization', h.adminToken)
      .send({ name: 'Ok', timezone: 'Europe/Pr\u0430gue' })
      .expect(400);
    expect(tz.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.timezone']);
    expect(await rowCounts(h)).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { sendThroughApiFetch } from '../../../../src/connectors/wordpress/api-fetch-bridge.js';
import type { HttpRequest } from '../../../../src/connectors/http/types.js';

// Each "site" is a plain HttpHandler that records what reached it: the real api-fetch runs
// in between, so these tests show what api-fetch adds and that sites never see each other's calls.
function site(name: string, delayMs = 0) {
  const seen: HttpRequest[] = [];
  const handler = async (request: HttpRequest): Promise<Response> => {
    seen.push(request);
    await new Promise((done) => setTimeout(done, delayMs));
    return new Response(JSON.stringify({ site: name }), { status: 200 });
  };
  return { seen, handler };
}

describe('api-fetch bridge', () => {
  it('keeps concurrent calls of two sites apart: URL, Authorization and handler per request', async () => {
    const a = site('a', 30);
    const b = site('b', 0);
    const [ra, rb] = await Promise.all([
      sendThroughApiFetch(
        {
          method: 'GET',
          url: 'https://a.test/wp-json/wp/v2/posts',
          headers: { Authorization: 'Basic YQ==' },
        },
        a.handler,
      ),
      sendThroughApiFetch(
        {
          method: 'GET',
          url: 'https://b.test/wp-json/wp/v2/posts',
          headers: { Authorization: 'Basic Yg==' },
        },
        b.handler,
      ),
    ]);
    expect(await ra.json()).toEqual({ site: 'a' });
    expect(await rb.json()).toEqual({ site: 'b' });
    expect(a.seen.map((r) => [new URL(r.url).host, r.headers.Authorization])).toEqual([
      ['a.test', 'Basic YQ=='],
    ]);
    expect(b.seen.map((r) => [new URL(r.url).host, r.headers.Authorization])).toEqual([
      ['b.test', 'Basic Yg=='],
    ]);
  });

  it('runs api-fetch middlewares: _locale=user, and DELETE tunnelled as POST with X-HTTP-Method-Override', async () => {
    const s = site('s');
    await sendThroughApiFetch(
      { method: 'DELETE', url: 'https://s.test/wp-json/wp/v2/posts/5', headers: {} },
      s.handler,
    );
    const [request] = s.seen;
    expect(request?.method).toBe('POST');
    expect(request?.headers['X-HTTP-Method-Override']).toBe('DELETE');
    expect(new URL(request?.url ?? '').searchParams.get('_locale')).toBe('user');
  });

  it('sends JSON data as a JSON body and raw bytes as they are', async () => {
    const s = site('s');
    await sendThroughApiFetch(
      { method: 'POST', url: 'https://s.test/x', headers: {}, data: { title: 'Hi' } },
      s.handler,
    );
    await sendThroughApiFetch(
      {
        method: 'POST',
        url: 'https://s.test/y',
        headers: { 'Content-Type': 'image/png' },
        body: new Uint8Array([1, 2]),
      },
      s.handler,
    );
    expect(s.seen[0]?.body).toBe('{"title":"Hi"}');
    expect(s.seen[0]?.headers['Content-Type']).toBe('application/json');
    expect(s.seen[1]?.body).toEqual(new Uint8Array([1, 2]));
    expect(s.seen[1]?.headers['Content-Type']).toBe('image/png');
  });

  it('returns error answers unparsed instead of throwing api-fetch error objects', async () => {
    const response = await sendThroughApiFetch(
      { method: 'GET', url: 'https://s.test/z', headers: {} },
      async () => new Response('{"code":"rest_forbidden"}', { status: 403 }),
    );
    expect(response.status).toBe(403);
  });
});

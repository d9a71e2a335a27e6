import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, createHarness, type Harness } from './harness.js';

type Access = 'public' | 'signed-in' | 'agency' | 'admin' | 'client';

// Who may call what — written by hand, not derived from the routes, so a new route without a
// line here fails the first test, and a changed access level fails the matrix.
const MATRIX: Record<string, Access> = {
  'GET /health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/v1/secret-store': 'agency',
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/auth/logout': 'agency',
  'GET /api/v1/auth/me': 'signed-in',
  'PUT /api/v1/auth/me/language': 'agency',
  'GET /api/v1/users': 'admin',
  'GET /api/v1/system': 'admin',
  'GET /api/v1/metrics': 'admin',
  'POST /api/v1/clients/:id/final-removal': 'admin',
  'POST /api/v1/users': 'admin',
  'GET /api/v1/tokens': 'agency',
  'POST /api/v1/tokens': 'agency',
  'DELETE /api/v1/tokens/:id': 'agency',
  'GET /api/v1/clients': 'agency',
  'POST /api/v1/clients': 'agency',
  'GET /api/v1/clients/:id': 'agency',
  'PATCH /api/v1/clients/:id': 'agency',
  'DELETE /api/v1/clients/:id': 'agency',
  'GET /api/v1/history': 'agency',
  'GET /api/v1/clients/:id/links': 'agency',
  'POST /api/v1/clients/:id/links': 'agency',
  'DELETE /api/v1/client-links/:id': 'agency',
  'GET /api/v1/sites': 'agency',
  'POST /api/v1/sites': 'agency',
  'GET /api/v1/sites/:id': 'agency',
  'PATCH /api/v1/sites/:id': 'agency',
  'DELETE /api/v1/sites/:id': 'agency',
  'PUT /api/v1/sites/:id/secret': 'agency',
  'DELETE /api/v1/sites/:id/secret': 'agency',
  'POST /api/v1/sites/:id/check': 'agency',
  'GET /api/v1/tasks': 'agency',
  'POST /api/v1/tasks': 'agency',
  'GET /api/v1/tasks/:id': 'agency',
  'PATCH /api/v1/tasks/:id': 'agency',
  'POST /api/v1/tasks/:id/status': 'agency',
  'GET /api/v1/tasks/:id/history': 'agency',
  'POST /api/v1/content-items': 'agency',
  'POST /api/v1/uploads': 'agency',
  'GET /api/v1/uploads/:id': 'agency',
  'GET /api/v1/tasks/:id/attachments/:n': 'agency',
  'GET /api/v1/content-items/:id': 'agency',
  'GET /api/v1/content-items': 'agency',
  'GET /api/v1/promotions/live': 'agency',
  'PATCH /api/v1/content-items/:id': 'agency',
  'POST /api/v1/content-items/:id/previews': 'agency',
  'POST /api/v1/content-items/:id/approval': 'agency',
  'GET /api/v1/content-items/:id/thread': 'agency',
  'POST /api/v1/tasks/:id/text': 'agency',
  'POST /api/v1/tasks/:id/attachments/:n/upload': 'agency',
  'POST /api/v1/publish': 'agency',
  'GET /api/v1/publications': 'agency',
  'POST /api/v1/publications/:id/retry': 'agency',
  'POST /api/v1/publications/:id/cancel': 'agency',
  'GET /api/v1/publications/:id/conflict': 'agency',
  'POST /api/v1/publications/:id/conflict': 'agency',
  'GET /api/v1/schedules': 'agency',
  'POST /api/v1/schedules': 'agency',
  'GET /api/v1/schedules/:id': 'agency',
  'PATCH /api/v1/schedules/:id': 'agency',
  'DELETE /api/v1/schedules/:id': 'agency',
  'POST /api/v1/schedules/:id/texts': 'agency',
  'PUT /api/v1/schedules/:id/enabled': 'agency',
  'GET /api/v1/clients/:id/regions': 'agency',
  'POST /api/v1/sites/:id/regions/discover': 'agency',
  'POST /api/v1/regions/preview': 'agency',
  'POST /api/v1/regions/update': 'agency',
  'GET /api/v1/regions/:id': 'agency',
  'PATCH /api/v1/regions/:id': 'agency',
  'GET /api/v1/client/me': 'client',
  'GET /api/v1/client/tasks': 'client',
  'POST /api/v1/client/requests': 'client',
  'POST /api/v1/client/tasks/:id/decision': 'client',
  'POST /api/v1/client/tasks/:id/preview': 'client',
  'GET /api/v1/client/tasks/:id/pdf': 'client',
  'GET /api/v1/events': 'signed-in',
  'GET /preview/:token': 'public',
  'GET /preview/:token/images/:index': 'public',
  'GET /api/v1/mailboxes': 'agency',
  'POST /api/v1/mailboxes': 'agency',
  'PUT /api/v1/mailboxes/:id/password': 'agency',
  'POST /api/v1/mailboxes/:id/check': 'agency',
  'PATCH /api/v1/mailboxes/:id': 'agency',
  'DELETE /api/v1/mailboxes/:id': 'agency',
  'GET /api/v1/mail/health': 'agency',
  'GET /api/v1/clients/:id/mail-rules': 'agency',
  'PUT /api/v1/clients/:id/mail-rules': 'agency',
  'POST /api/v1/tasks/:id/reply': 'agency',
  'POST /api/v1/tasks/:id/reply-files': 'agency',
  'GET /api/v1/archived-clients': 'agency',
  'GET /api/v1/tasks/:id/thread': 'agency',
  'POST /api/v1/clients/:id/mailings': 'agency',
  'GET /api/v1/clients/:id/mailings': 'agency',
  'POST /api/v1/mailings/:id/test': 'agency',
  'GET /api/v1/mailings/:id': 'agency',
  'POST /api/v1/mailings/:id/start': 'agency',
  'POST /api/v1/mailings/:id/stop': 'agency',
  'POST /api/v1/tasks/:id/forward-again': 'agency',
  'POST /api/v1/tasks/:id/reply-again': 'agency',
  'GET /api/v1/clients/:id/suppressions': 'agency',
  'POST /api/v1/clients/:id/suppressions': 'agency',
  'DELETE /api/v1/clients/:id/suppressions/:email': 'agency',
  'POST /api/v1/clients/:id/suppressions/import': 'agency',
  'GET /api/v1/clients/:id/suppressions/export': 'agency',
  'POST /api/v1/clients/:id/letterheads': 'agency',
  'GET /api/v1/clients/:id/letterheads': 'agency',
  'POST /api/v1/clients/:id/letter-templates': 'agency',
  'GET /api/v1/clients/:id/letter-templates': 'agency',
  'PATCH /api/v1/clients/:id/letterheads/:letterheadId': 'agency',
  'DELETE /api/v1/clients/:id/letterheads/:letterheadId': 'agency',
  'PATCH /api/v1/clients/:id/letter-templates/:templateId': 'agency',
  'DELETE /api/v1/clients/:id/letter-templates/:templateId': 'agency',
  'POST /api/v1/letters': 'agency',
  'GET /api/v1/letters/:id': 'agency',
  'PATCH /api/v1/letters/:id': 'agency',
  'GET /api/v1/letters/:id/pdf': 'agency',
  'POST /api/v1/letters/:id/send': 'agency',
  'POST /api/v1/letters/:id/posted': 'agency',
  'POST /api/v1/letters/:id/resend': 'agency',
  'POST /api/v1/letters/:id/approval': 'agency',
  'POST /api/v1/letters/:id/dictation': 'agency',
  'GET /api/v1/clients/:id/letter-register': 'agency',
  'GET /api/v1/clients/:id/letter-register/export': 'agency',
  // The recipient of a mailing has no account; the link's token is signed (see mail-unsubscribe.test.ts).
  'GET /api/v1/unsubscribe/:token': 'public',
  'POST /api/v1/unsubscribe/:token': 'public',
  // The address in List-Unsubscribe: a mail program's one-click POST, a person's GET to the page.
  'GET /u/:token': 'public',
  'POST /u/:token': 'public',
  'GET /api/v1/clients/:id/call-settings': 'agency',
  'PUT /api/v1/clients/:id/call-settings': 'agency',
  'POST /api/v1/calls': 'agency',
  // Public to sign-ins, but signed: without the provider's signature it is refused (see mail-webhook.test.ts).
  'POST /api/v1/webhooks/calls': 'public',
  'GET /api/v1/clients/:id/calendar': 'agency',
  'PUT /api/v1/clients/:id/calendar': 'agency',
  'PUT /api/v1/clients/:id/calendar/password': 'agency',
  'POST /api/v1/clients/:id/calendar/check': 'agency',
  'GET /api/v1/clients/:id/meeting-rules': 'agency',
  'PUT /api/v1/clients/:id/meeting-rules': 'agency',
  'GET /api/v1/clients/:id/slots': 'agency',
  'GET /api/v1/meetings': 'agency',
  'GET /api/v1/tasks/:id/meeting': 'agency',
  'POST /api/v1/tasks/:id/meeting': 'agency',
  'POST /api/v1/meetings/:id/move': 'agency',
  'POST /api/v1/meetings/:id/cancel': 'agency',
};

type Role = 'admin' | 'secretary' | 'clientA' | 'clientB' | 'expiredLink' | 'anonymous';
const ROLES: Role[] = ['admin', 'secretary', 'clientA', 'clientB', 'expiredLink', 'anonymous'];

/** The status class each role must get: `ok` means neither 401 nor 403. */
function expected(access: Access, role: Role): 'ok' | 401 | 403 {
  if (access === 'public') return 'ok';
  if (role === 'anonymous' || role === 'expiredLink') return 401;
  const agency = role === 'admin' || role === 'secretary';
  if (access === 'signed-in') return 'ok';
  if (access === 'agency') return agency ? 'ok' : 403;
  if (access === 'admin') return role === 'admin' ? 'ok' : 403;
  return agency ? 403 : 'ok';
}

/** Every route express really has: method and full path, from the router stacks. */
function expressRoutes(h: Harness): string[] {
  type Layer = {
    rawPath?: string;
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  };
  const out: string[] = [];
  const walk = (stack: Layer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(
          layer.handle.stack,
          prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''),
        );
      }
    }
  };
  const router = (h.app as unknown as { router: { stack: Layer[] } }).router;
  walk(router.stack, '');
  return out;
}

let h: Harness;
let server: Server;
let base: string;
beforeAll(async () => {
  h = await createHarness();
  server = createServer(h.http);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  assertNoLeak(h);
  await h.close();
});

function headersFor(role: Role): Record<string, string> {
  switch (role) {
    case 'admin':
      return { Cookie: h.admin.cookie, 'X-CSRF-Token': h.admin.csrf };
    case 'secretary':
      return { Authorization: h.secretaryToken };
    case 'clientA':
      return { Authorization: h.linkA };
    case 'clientB':
      return { Authorization: h.linkB };
    case 'expiredLink':
      return { Authorization: h.linkExpired };
    case 'anonymous':
      return {};
  }
}

describe('route × role matrix', () => {
  it('has an entry for every route the app serves, and no entry for a route it lacks', () => {
    const served = expressRoutes(h).sort();
    expect(served.length).toBeGreaterThan(40);
    expect(served).toEqual(Object.keys(MATRIX).sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([key, access]) =>
    ROLES.map((role) => [key, access, role] as const),
  );
  it.each(cases)('%s (%s) as %s', async (key, access, role) => {
    const [method, path] = key.split(' ') as [string, string];
    // Logout would end the admin's session for the rest of the run: log in fresh for it.
    const url = path.replace(':token', `sdp_${'x'.repeat(43)}`).replace(':id', h.clientA.id);
    const controller = new AbortController();
    const init: RequestInit = {
      method,
      headers: { ...headersFor(role) },
      signal: controller.signal,
    };
    if (method !== 'GET') {
      init.headers = { ...init.headers, 'Content-Type': 'application/json' };
      init.body = '{}';
    }
    if (key === 'POST /api/v1/auth/logout' && role === 'admin') {
      init.headers = { ...init.headers, Authorization: h.adminToken };
    }
    const res = await fetch(base + url, init);
    controller.abort();
    const want = expected(access, role);
    if (want === 'ok') expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(want);
  });
});
